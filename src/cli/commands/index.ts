import type { Command } from '../command.js';
import { approveCommand } from './approve.js';
import { cancelCommand } from './cancel.js';
import { compileCommand } from './compile.js';
import { deployCommand, undeployCommand } from './deploy.js';
import { exportRunCommand } from './export-run.js';
import { forkCommand } from './fork.js';
import { hashPasswordCommand } from './hash-password.js';
import { historyCommand } from './history.js';
import { importRunCommand } from './import-run.js';
import { replayCommand } from './replay.js';
import { resumeCommand } from './resume.js';
import { runCommand } from './run.js';
import { runsCommand } from './runs.js';
import { serveCommand } from './serve.js';
import { signalCommand } from './signal.js';
import { stateCommand } from './state.js';
import { triggersCommand } from './triggers.js';
import { validateCommand } from './validate.js';
import { workerCommand } from './worker.js';

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
  forkCommand,
  exportRunCommand,
  importRunCommand,
  replayCommand,
  resumeCommand,
  serveCommand,
  hashPasswordCommand,
  workerCommand,
  deployCommand,
  undeployCommand,
  triggersCommand,
];
