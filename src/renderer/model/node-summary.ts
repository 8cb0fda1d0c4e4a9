import type { WorkflowNode } from '#shared';

const MAX = 80;

/** One line describing what a node is configured to do, for the node card. */
export function nodeSummary(node: WorkflowNode): string {
  return clip(oneLine(describe(node)));
}

function describe(node: WorkflowNode): string {
  switch (node.kind) {
    case 'start':
      return 'Receives the run input';
    case 'end':
      return node.config?.output !== undefined ? `output ${node.config.output}` : 'Completes the run';
    case 'fail':
      return node.config.message;
    case 'transform': {
      const assign = Object.keys(node.config?.assign ?? {});
      if (node.config?.output !== undefined) return node.config.output;
      return assign.length > 0 ? `sets ${assign.map((v) => `vars.${v}`).join(', ')}` : 'Passes its input through';
    }
    case 'script':
      return firstCodeLine(node.config.code);
    case 'http':
      return `${node.config.method} ${node.config.url}`;
    case 'delay':
      if (node.config.until !== undefined) return `until ${node.config.until}`;
      return typeof node.config.ms === 'number'
        ? `wait ${formatDuration(node.config.ms)}`
        : `wait ${node.config.ms ?? '?'} ms`;
    case 'log':
      return `${node.config.level === undefined ? '' : `[${node.config.level}] `}${node.config.message}`;
    case 'condition':
      return node.config.when;
    case 'switch': {
      const cases = node.config.cases ?? [];
      return `${cases.length} case${cases.length === 1 ? '' : 's'}: ${cases.map((c) => c.port).join(', ')}`;
    }
    case 'parallel':
      return 'Runs every branch at once';
    case 'join': {
      const mode = node.config?.mode ?? 'all';
      if (mode === 'first') return 'Continues with the first branch';
      if (mode === 'count') return `Waits for ${node.config?.count ?? '?'} branches`;
      return 'Waits for all branches';
    }
    case 'approval':
      return node.config.title;
    case 'wait':
      return `on ${(node.config.events ?? []).join(' | ')}`;
    case 'subflow':
      return `runs ${node.config.workflow}`;
    case 'forEach':
      return `${node.config.items} → ${node.config.workflow}`;
  }
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
