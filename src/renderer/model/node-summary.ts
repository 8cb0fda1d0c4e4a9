import { kindSpec, type NodeKind, type NodeOfKind, type WorkflowNode } from '#shared';

const MAX = 80;

/** One line describing what a node is configured to do, for the node card. */
export function nodeSummary(node: WorkflowNode): string {
  return clip(oneLine(describe(node)));
}

type Describe<K extends NodeKind> = (node: NodeOfKind<K>) => string;

/** Kinds whose summary needs more than the registry's `summary` text. */
const DESCRIBE: { readonly [K in NodeKind]?: Describe<K> } = {
  end: (node) => (node.config?.output !== undefined ? `output ${node.config.output}` : 'Completes the run'),
  transform: (node) => {
    const assign = Object.keys(node.config?.assign ?? {});
    if (node.config?.output !== undefined) return node.config.output;
    return assign.length > 0 ? `sets ${assign.map((v) => `vars.${v}`).join(', ')}` : 'Passes its input through';
  },
  script: (node) => firstCodeLine(node.config.code),
  delay: (node) => {
    if (node.config.until !== undefined) return `until ${node.config.until}`;
    return typeof node.config.ms === 'number'
      ? `wait ${formatDuration(node.config.ms)}`
      : `wait ${node.config.ms ?? '?'} ms`;
  },
  log: (node) => `${node.config.level === undefined ? '' : `[${node.config.level}] `}${node.config.message}`,
  switch: (node) => {
    const cases = node.config.cases ?? [];
    return `${cases.length} case${cases.length === 1 ? '' : 's'}: ${cases.map((c) => c.port).join(', ')}`;
  },
  join: (node) => {
    const mode = node.config?.mode ?? 'all';
    if (mode === 'first') return 'Continues with the first branch';
    if (mode === 'count') return `Waits for ${node.config?.count ?? '?'} branches`;
    return 'Waits for all branches';
  },
};

function describerOf<K extends NodeKind>(kind: K): Describe<K> | undefined {
  return DESCRIBE[kind];
}

function describe(node: WorkflowNode): string {
  const special = describerOf(node.kind);
  if (special !== undefined) return special(node);
  const spec = kindSpec(node.kind);
  return spec.summary === undefined ? spec.description : fillSummary(spec.summary, node.config);
}

/** `'{method} {url}'` → `GET https://…`: a list joins with ` | `, a record gives its keys. */
function fillSummary(text: string, config: unknown): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value: unknown = typeof config === 'object' && config !== null ? Reflect.get(config, key) : undefined;
    if (Array.isArray(value)) return value.map(scalarText).join(' | ');
    if (typeof value === 'object' && value !== null) return Object.keys(value).join(', ');
    return scalarText(value);
  });
}

function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '?';
}

function firstCodeLine(code: string): string {
  return (
    code
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '' && !line.startsWith('//')) ?? 'empty script'
  );
}

/** `1500` → `1.5 s`, `90000` → `1.5 min`, `86400000` → `1 d`. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size) return `${Number((ms / size).toFixed(1))} ${unit}`;
  }
  return `${ms} ms`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
