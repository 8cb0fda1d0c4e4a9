/** One execution of a `script` node's code. */
export interface ScriptRequest {
  /** A JavaScript function body; its `return` value is the result. */
  code: string;
  /** Exposed to the code as the globals `input`, `vars`, `steps` and `attempt` (deep copies via JSON). */
  scope: ScriptScope;
  timeoutMs: number;
  memoryLimitBytes: number;
}

export interface ScriptScope {
  input: unknown;
  vars: Record<string, unknown>;
  steps: Record<string, unknown>;
  attempt: number;
}
