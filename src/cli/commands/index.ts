// Every CLI command, one file each, registered here. `commands.test.ts` checks this list
// against the files in this folder, so a command cannot be added without registering it.
import type { CommandSpec } from '../command.js';

export const commands: CommandSpec[] = [];
