import { SwitchyardError } from './errors.js';

/**
 * The limits every input is checked against before anything else reads it: files, `--input`,
 * HTTP bodies, IPC messages, signal data, fork vars, bundles. A value past one is refused with
 * LIMIT_EXCEEDED naming the limit (HTTP 400, exit 2), instead of exhausting the stack or memory.
 */
export const LIMITS = {
  /** Objects and arrays inside each other, in any JSON value. */
  jsonDepth: 200,
  /** A file the program reads as text (workflow, input, run bundle). */
  fileBytes: 20 * 1024 * 1024,
  /** Nodes of one workflow document (B6/B7 measure 1,000). */
  workflowNodes: 10_000,
  /** Sticky notes, and node groups, of one workflow document (each list). */
  annotationItems: 1_000,
  /** The Markdown text of one sticky note. */
  noteChars: 10_000,
  /** A file name in the workspace, in UTF-8 bytes (what file systems allow). */
  fileNameBytes: 255,
  /** A task node's `timeoutMs` (approvals and waits are durable timers: no limit). */
  taskTimeoutMs: 5 * 60 * 1000,
  /** An HTTP request body or an IPC message, as JSON text. */
  messageBytes: 5 * 1024 * 1024,
  /** A string an expression builtin may build (`$pad`, `$string`, `$join`, `$replace`). */
  expressionStringChars: 1_000_000,
  /** Items of an array `$sort`, `$reverse` and `$shuffle` take. */
  expressionArrayItems: 100_000,
  /** Items of an array `$distinct` takes (it compares every item with every other one). */
  expressionDistinctItems: 10_000,
} as const;

/**
 * Whether `value` nests objects/arrays deeper than `max`. Iterative, so that a value nested
 * 100,000 levels is measured without exhausting the stack.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, depth] = item;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const inner of Object.values(current)) {
      if (typeof inner === 'object' && inner !== null) stack.push([inner, depth + 1]);
    }
  }
  return false;
}

/**
 * Whether `value` as JSON text would be longer than `max` characters, counted without building
 * the text and stopping as soon as it is (at most about `max` steps).
 */
export function jsonLongerThan(value: unknown, max: number): boolean {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') size += item.length + 2;
    else if (Array.isArray(item)) {
      size += 1 + Math.max(1, item.length);
      for (const inner of item) stack.push(inner);
    } else if (typeof item === 'object' && item !== null) {
      size += 1;
      for (const [key, inner] of Object.entries(item)) {
        size += key.length + 4;
        stack.push(inner);
      }
    } else size += String(item).length;
    if (size > max) return true;
  }
  return false;
}

/** What is wrong with a value nested past LIMITS.jsonDepth, after the name of the value. */
export const TOO_DEEP = `nests objects and arrays more than ${LIMITS.jsonDepth} levels deep (limit jsonDepth)`;

/** Whether `value` nests past LIMITS.jsonDepth. */
export function tooDeep(value: unknown): boolean {
  return nestedDeeperThan(value, LIMITS.jsonDepth);
}

/** Refuses a value (of `what`: "the run input", "the body of startRun") nested past the limit. */
export function assertJsonDepth(value: unknown, what: string): void {
  if (tooDeep(value)) throw new SwitchyardError('LIMIT_EXCEEDED', `${what} ${TOO_DEEP}`);
}

/** A byte count as a person reads it: `5 MiB`, `256 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  const mebi = 1024 * 1024;
  if (bytes >= mebi && bytes % mebi === 0) return `${bytes / mebi} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
