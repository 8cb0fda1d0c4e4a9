import type { Command } from '../command.js';
import { approveCommand } from './approve.js';
import { cancelCommand } from './cancel.js';
import { compileCommand } from './compile.js';
import { historyCommand } from './history.js';
import { resumeCommand } from './resume.js';
import { runCommand } from './run.js';
import { runsCommand } from './runs.js';
import { signalCommand } from './signal.js';
import { stateCommand } from './state.js';
import { validateCommand } from './validate.js';

export const COMMANDS: readonly Command[] = [
  validateCommand,
  compileCommand,
  runCommand,
  approveCommand,
  signalCommand,
  cancelCommand,
  runsCommand,
  historyCommand,
  stateCommand,
  resumeCommand,
];

/** DESIGN §5 commands that this build does not provide yet. */
export const PLANNED_COMMANDS: readonly string[] = ['fork', 'export-run', 'import-run', 'replay', 'serve', 'worker'];
