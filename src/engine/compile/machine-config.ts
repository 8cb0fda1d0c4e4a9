import type { NodeKind } from '#shared';

/** The plain-JSON subset of an XState v5 machine config that the compiler emits. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** A named guard or action; its implementation comes from `setup()`. */
export interface NamedRef {
  type: string;
  params?: { [key: string]: JsonValue };
}

export interface TransitionJson {
  target?: string;
  /** A node whose edge leads back to itself is left and entered again (XState's default keeps it). */
  reenter?: boolean;
  guard?: NamedRef;
  actions?: NamedRef[];
}

export type TransitionsJson = TransitionJson | TransitionJson[];

export interface StateJson {
  id: string;
  type?: 'parallel' | 'final';
  meta?: { kind: NodeKind };
  initial?: string;
  states?: { [key: string]: StateJson };
  entry?: NamedRef[];
  exit?: NamedRef[];
  on?: { [event: string]: TransitionsJson };
  always?: TransitionsJson;
  /** Delayed transitions, keyed by milliseconds: approval and wait timeouts. */
  after?: { [ms: string]: TransitionsJson };
  onDone?: TransitionsJson;
}

export interface MachineConfigJson {
  id: string;
  initial: string;
  context: { [key: string]: JsonValue };
  states: { [key: string]: StateJson };
  on: { [event: string]: TransitionsJson };
}
