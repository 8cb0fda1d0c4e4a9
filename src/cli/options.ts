import type { StoreChoice } from './store-option.js';

/** One `--name` option of a command, as parseArgs and the help text need it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder for the value in help, e.g. `PATH`. */
  value?: string;
  description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export const DEFAULT_DB = './switchyard.db';

export const GLOBAL_OPTIONS: OptionSpecs = {
  store: {
    type: 'string',
    value: 'URL',
    description: `run store: sqlite:PATH, a file path, or postgres://user@host:port/db (default $SWITCHYARD_STORE, else ${DEFAULT_DB})`,
  },
  db: { type: 'string', value: 'PATH', description: 'SQLite run store file (the same as --store sqlite:PATH)' },
  secrets: {
    type: 'string',
    value: 'FILE',
    description: 'secrets file, JSON {"NAME": "value"}, mode 0600 (default $SWITCHYARD_SECRETS_FILE)',
  },
  json: { type: 'boolean', description: 'machine-readable output on stdout' },
  debug: { type: 'boolean', description: 'print stack traces and debug log lines' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};

export interface GlobalOptions {
  store: StoreChoice;
  /** `--secrets FILE`, else $SWITCHYARD_SECRETS_FILE: where `secret.NAME` values come from besides the environment. */
  secretsFile?: string;
  json: boolean;
  debug: boolean;
  help: boolean;
}

/** What parseArgs leaves for a command: its positionals and option values (globals removed). */
export interface RawArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** Shared by the commands that drive a run on. */
export const MAX_WAIT_OPTION: OptionSpec = {
  type: 'string',
  value: 'MS',
  description: 'wait in-process for timers due within MS milliseconds (default 5000); later ones leave the run waiting',
};
