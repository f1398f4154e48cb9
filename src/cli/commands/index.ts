// Every CLI command, one file each, registered here. `index.test.ts` checks this list
// against the files in this folder, so a command cannot be added without registering it.
import type { CommandSpec } from '../command.js';
import { demoCommand } from './demo.js';
import { locateCommand } from './locate.js';
import { runCommand } from './run.js';
import { vexCommand } from './vex.js';

export const commands: CommandSpec[] = [demoCommand, locateCommand, runCommand, vexCommand];
