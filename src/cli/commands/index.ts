// Every CLI command, one file each, registered here. `index.test.ts` checks this list
// against the files in this folder, so a command cannot be added without registering it.
import type { CommandSpec } from '../command.js';
import { benchCommand } from './bench.js';
import { advisoriesImportCommand } from './advisories-import.js';
import { advisoriesSyncCommand } from './advisories-sync.js';
import { demoCommand } from './demo.js';
import { ledgerCommand } from './ledger.js';
import { locateCommand } from './locate.js';
import { portCommand } from './port.js';
import { runCommand } from './run.js';
import { scanCommand } from './scan.js';
import { shipCommand } from './ship.js';
import { verifyCommand } from './verify.js';
import { vexCommand } from './vex.js';

export const commands: CommandSpec[] = [
  benchCommand,
  advisoriesImportCommand,
  advisoriesSyncCommand,
  demoCommand,
  ledgerCommand,
  locateCommand,
  portCommand,
  runCommand,
  scanCommand,
  shipCommand,
  verifyCommand,
  vexCommand,
];
