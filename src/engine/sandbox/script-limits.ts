/** Limits a script node gets unless its workflow says otherwise. */
export const DEFAULT_SCRIPT_LIMITS: { readonly timeoutMs: number; readonly memoryLimitBytes: number } = {
  timeoutMs: 1000,
  memoryLimitBytes: 32 * 1024 * 1024,
};

/**
 * QuickJS's own stack limit. It must trip before the host's stack does, because a host stack
 * overflow inside WASM leaves the interpreter unusable; 128 KiB allows about 700 nested calls.
 */
export const MAX_STACK_BYTES = 128 * 1024;

/** Extra memory granted after a failure, so the thrown value can still be read. */
export const ERROR_READING_HEADROOM_BYTES = 1024 * 1024;
