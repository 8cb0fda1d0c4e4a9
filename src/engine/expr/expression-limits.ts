/** Wall-clock budget of one evaluation; JSONata checks it each time it enters a sub-expression. */
export const EVALUATION_TIME_LIMIT_MS = 1000;

/** Nesting depth of JSONata's evaluator (about 2-5 levels per user-level recursive call). */
export const EVALUATION_DEPTH_LIMIT = 500;

/** Compiled expressions kept in memory; the least recently used one is dropped first. */
export const COMPILED_CACHE_SIZE = 5000;
