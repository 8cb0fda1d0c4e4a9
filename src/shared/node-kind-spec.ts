import { z } from 'zod';
import { nodeBase, type NodeSchema } from './node-base.schema.js';

/** How a config string is read: a JSONata expression, a `{{ }}` template, or script code. */
export type FieldSyntax = 'expression' | 'template' | 'code';

/**
 * - `task`: does work; takes `retry` and `timeoutMs`, and a failure follows its `error` port.
 * - `waits`: pauses the run until outside input or a timer arrives.
 * - `routes`: only decides where the run goes next.
 * - `pure`: computes in memory only (no I/O, never reads its abort signal), so it may run
 *   ahead of the store.
 * - `terminal`: reaching it ends the run.
 * - `timeout`, `retry`: `timeoutMs` / `retry` are allowed on the node.
 */
export type NodeTrait = 'task' | 'waits' | 'routes' | 'pure' | 'terminal' | 'timeout' | 'retry';

/** The palette's groups, in display order. */
export const PALETTE_GROUPS = ['Flow', 'Tasks', 'People & events', 'Composition'] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

/**
 * A kind's output ports:
 * - `fixed`: always these, in this order;
 * - `branches`: one `out` port that many edges leave, each starting a branch;
 * - `config`: one port per item of the config list `list` (the item itself, or its `key`
 *   field), then `then`.
 */
export type NodePorts =
  | { readonly type: 'fixed'; readonly ports: readonly string[] }
  | { readonly type: 'branches' }
  | { readonly type: 'config'; readonly list: string; readonly key?: string; readonly then: readonly string[] };

/** Everything the engine and the designer know about one node kind, as data. */
export interface NodeKindSpec<K extends string = string, C extends z.ZodType = z.ZodType> {
  readonly kind: K;
  /** Human name, e.g. `HTTP request`. */
  readonly label: string;
  /** One line telling what the kind does (palette tooltips, inspector header). */
  readonly description: string;
  /** The zod schema of the node's `config`. */
  readonly config: C;
  /** Every config field is optional, so a node may leave `config` out. */
  readonly optionalConfig: boolean;
  /**
   * The config of a node freshly dropped on the canvas (absent: no config); a function gets
   * the id of the workflow it is dropped into.
   */
  readonly defaults?: NoInfer<z.input<C>> | ((context: { readonly workflowId: string }) => NoInfer<z.input<C>>);
  /**
   * Config fields that are not plain strings, by path relative to `config`: `*` stands for
   * any key of a record, `[]` for any item of a list (`assign.*`, `cases[].when`).
   */
  readonly fields: Readonly<Record<string, FieldSyntax>>;
  readonly ports: NodePorts;
  readonly traits: readonly NodeTrait[];
  readonly palette: { readonly group: PaletteGroup; readonly order: number };
  /**
   * The node card's one-line summary: text in which `{field}` is replaced by that config
   * field (a list joined with ` | `, a record by its keys joined with `, `).
   */
  readonly summary?: string;
  /** A config record whose keys the node sets as `vars` (for `vars.` completion). */
  readonly setsVars?: string;
  /**
   * The fields of the node's output, where the kind fixes them (`steps.X.output.FIELD` is checked
   * against them and offered in completion); absent: the output's shape depends on the node.
   */
  readonly outputFields?: readonly string[];
  /** The zod schema of a whole node of this kind (derived from `config`). */
  readonly node: z.ZodType;
}

type KindInput<C extends z.ZodType> = Omit<NodeKindSpec<string, C>, 'kind' | 'node' | 'optionalConfig'>;

/**
 * One registry entry: the spec plus the zod schema of a node of this kind.
 *
 * @example
 * defineKind('log', { label: 'Log', config: LogConfig, ... });
 */
export function defineKind<K extends string, C extends z.ZodType>(
  kind: K,
  spec: KindInput<C> & { readonly optionalConfig: true },
): NodeKindSpec<K, C> & { readonly node: NodeSchema<K, z.ZodOptional<C>> };
export function defineKind<K extends string, C extends z.ZodType>(
  kind: K,
  spec: KindInput<C> & { readonly optionalConfig?: false },
): NodeKindSpec<K, C> & { readonly node: NodeSchema<K, C> };
export function defineKind(
  kind: string,
  spec: KindInput<z.ZodType> & { readonly optionalConfig?: boolean },
): NodeKindSpec {
  const optionalConfig = spec.optionalConfig ?? false;
  const config = optionalConfig ? spec.config.optional() : spec.config;
  return { ...spec, kind, optionalConfig, node: z.strictObject({ ...nodeBase, kind: z.literal(kind), config }) };
}

/** Checks that every entry of a registry is keyed by its own kind. */
export function kindRegistry<const T extends { readonly [K in keyof T]: NodeKindSpec<K & string> }>(specs: T): T {
  return specs;
}
