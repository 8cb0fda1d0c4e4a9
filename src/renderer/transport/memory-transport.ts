import { WorkflowFileName, type BackendApi, type WorkflowPins, type WorkflowSummary } from '#shared';
import { compileWorkflow, parseWorkflow, parseWorkflowValue, sameDesign, type Problem } from '#engine';
import { BackendError } from './backend-error.js';
import type { Transport } from './transport.js';

/**
 * A workspace held in memory, with the real engine for validation and compilation: for
 * component tests and the dev harness, where no `switchyard serve` is running. Runs are not
 * available here.
 */
export function createMemoryTransport(
  initial: Record<string, unknown> = {},
  now: () => Date = () => new Date(),
): Transport {
  const files = new Map<string, { value: unknown; modifiedAt: string }>();
  const pins = new Map<string, WorkflowPins>();
  for (const [file, value] of Object.entries(initial)) files.set(file, { value, modifiedAt: now().toISOString() });

  const get = (file: string): unknown => {
    const entry = files.get(file);
    if (entry === undefined) throw new BackendError('NOT_FOUND', `there is no workflow file ${file} in the workspace`);
    return entry.value;
  };
  const checkName = (file: string): string => {
    const parsed = WorkflowFileName.safeParse(file);
    if (!parsed.success)
      throw new BackendError('BAD_USAGE', `${file}: ${parsed.error.issues[0]?.message ?? 'bad name'}`);
    return parsed.data;
  };
  const problemsOf = (value: unknown): Problem[] => parseWorkflowValue(value).problems;
  const noRuns = (): never => {
    throw new BackendError('BAD_USAGE', 'runs are not available in the in-memory workspace');
  };

  const api: BackendApi = {
    async listWorkflows() {
      return [...files.entries()]
        .map(([file, { value, modifiedAt }]): WorkflowSummary => {
          const parsed = parseWorkflowValue(value);
          const summary: WorkflowSummary = { file, modifiedAt };
          const id = field(value, 'id');
          const name = field(value, 'name');
          const version = field(value, 'version');
          if (typeof id === 'string') summary.id = id;
          if (typeof name === 'string') summary.name = name;
          if (typeof version === 'number') summary.version = version;
          if (!parsed.ok) summary.error = parsed.problems[0]?.message ?? 'not a valid workflow';
          return summary;
        })
        .sort((a, b) => a.file.localeCompare(b.file));
    },
    async openWorkflow({ file }) {
      const workflow = structuredClone(get(file));
      return { file, workflow, problems: problemsOf(workflow) };
    },
    async saveWorkflow({ file, workflow, bumpVersion }) {
      const name = checkName(file);
      const previous = files.get(name)?.value;
      let doc: Record<string, unknown> = structuredClone(workflow);
      const changed = previous !== undefined && !sameDesign(previous, doc);
      if (bumpVersion === true && changed && typeof doc['version'] === 'number') {
        doc = { ...doc, version: doc['version'] + 1 };
      }
      files.set(name, { value: doc, modifiedAt: now().toISOString() });
      const version = doc['version'];
      return { file: name, ...(typeof version === 'number' ? { version } : {}), problems: problemsOf(doc) };
    },
    async renameWorkflow({ file, to }) {
      const value = get(file);
      const target = checkName(to);
      if (files.has(target)) throw new BackendError('CONFLICT', `${target} already exists`);
      files.delete(file);
      files.set(target, { value, modifiedAt: now().toISOString() });
      return { file: target };
    },
    async deleteWorkflow({ file }) {
      get(file);
      files.delete(file);
      return { file };
    },
    async importWorkflow({ fileName, text, overwrite }) {
      const parsed = parseWorkflow(text);
      const bad = parsed.problems.find((p) => p.code === 'BAD_JSON' || p.code === 'BAD_FORMAT_VERSION');
      if (bad !== undefined) throw new BackendError('INVALID_WORKFLOW', `${fileName}: ${bad.message}`);
      const base = fileName.replace(/^.*[\\/]/, '').replace(/(\.flow)?\.json$/i, '');
      const file = checkName(`${base}.flow.json`);
      if (files.has(file) && overwrite !== true)
        throw new BackendError('CONFLICT', `${file} already exists in the workspace`);
      const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
      files.set(file, { value, modifiedAt: now().toISOString() });
      return { file, problems: parsed.problems };
    },
    async exportWorkflow({ file }) {
      const parsed = parseWorkflowValue(get(file));
      if (!parsed.ok)
        throw new BackendError('INVALID_WORKFLOW', `${file}: ${parsed.problems[0]?.message ?? 'invalid'}`);
      const { config } = compileWorkflow(parsed.workflow);
      const text = `${JSON.stringify({ ...parsed.workflow, statechart: config }, null, 2)}\n`;
      return { fileName: file, text };
    },
    async validateWorkflow({ workflow }) {
      return { problems: problemsOf(workflow) };
    },
    async compileWorkflow({ workflow }) {
      const parsed = parseWorkflowValue(workflow);
      if (!parsed.ok) return { config: null, problems: parsed.problems };
      const { config, diagnostics } = compileWorkflow(parsed.workflow);
      return { config: config ?? null, problems: diagnostics };
    },
    startRun: async () => noRuns(),
    listRuns: async () => [],
    whoami: async () => ({ name: 'you', groups: [], source: 'os' }),
    listSecrets: async () => ({ secrets: [], writable: null }),
    setSecret: async () => {
      throw new BackendError('BAD_USAGE', 'secrets are not kept in the in-memory workspace');
    },
    deleteSecret: async () => ({ deleted: false }),
    getRun: async () => noRuns(),
    getHistory: async () => noRuns(),
    stateAt: async () => noRuns(),
    forkRun: async () => noRuns(),
    approve: async () => noRuns(),
    signal: async () => noRuns(),
    cancelRun: async () => noRuns(),
    listApprovals: async () => [],
    exportRun: async () => noRuns(),
    importRun: async () => noRuns(),
    replayCheck: async () => noRuns(),
    getStore: async () => ({
      kind: 'sqlite',
      location: '(in memory)',
      source: 'default',
      switchable: false,
      reason: 'the in-memory workspace keeps no runs',
    }),
    connectStore: async () => noRuns(),
    listPins: async ({ workflowId }) => ({ pins: { ...pins.get(workflowId) } }),
    pinOutput: async ({ workflowId, node, output, from }) => {
      const pin = { output, ...(from === undefined ? {} : { from }), pinnedAt: now().toISOString() };
      pins.set(workflowId, { ...pins.get(workflowId), [node]: pin });
      return { pin };
    },
    unpinOutput: async ({ workflowId, node }) => {
      const current = pins.get(workflowId) ?? {};
      if (!Object.hasOwn(current, node)) return { deleted: false };
      const rest = Object.fromEntries(Object.entries(current).filter(([key]) => key !== node));
      pins.set(workflowId, rest);
      return { deleted: true };
    },
    listVersions: async ({ workflowId }) => ({ workflowId, file: null, current: null, versions: [] }),
    getVersion: async ({ workflowId, version }) => {
      throw new BackendError('NOT_FOUND', `the in-memory workspace keeps no versions (${workflowId} v${version})`);
    },
    replayCheckVersion: async () => noRuns(),
  };

  return {
    kind: 'memory',
    ...api,
    subscribe: () => () => undefined,
    onMenu: () => () => undefined,
  };
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const found: unknown = Reflect.get(value, key);
  return found;
}
