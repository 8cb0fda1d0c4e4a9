/** What an expression can read: each field is a top-level name (`input.amount`, `steps.fetch.output`). */
export interface ExprScope {
  input: unknown;
  vars: Record<string, unknown>;
  steps: Record<string, StepScope>;
  item?: unknown;
  index?: number;
  attempt?: number;
  run?: RunScope;
  /** `secret.NAME`: resolved when read (see secretScope); absent when the host has no secrets. */
  secret?: Readonly<Record<string, string>>;
}

/** The latest execution of one node, as expressions see it under `steps.ID`. */
export interface StepScope {
  output?: unknown;
  error?: { code: string; message: string };
  attempts: number;
}

export interface RunScope {
  id: string;
  workflowId: string;
  version: number;
  startedAt: string;
}

/** Deterministic sources for `$now()` and `$random()`: the engine passes values derived from the run's log. */
export interface ExprEnv {
  /** Epoch milliseconds. */
  now(): number;
  /** A number in [0, 1). */
  random(): number;
  /** `$secret('NAME')`: the secret's value, or throws SECRET_MISSING. */
  secret?: (name: string) => string;
}

export type SyntaxCheck = { ok: true } | { ok: false; message: string; position?: number };
