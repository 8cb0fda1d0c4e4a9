import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PINS_FORMAT, PinsFile, SwitchyardError, WorkflowId, type WorkflowPins } from '#shared';
import { writeFileAtomically } from './atomic-write.js';
import { parseJsonText, prettyJson } from './json-text.js';
import { workspaceDataDir } from './workspace-data.js';

/** Where a workspace keeps the pinned sample outputs of its workflows, one set per workflow id. */
export interface PinStore {
  /** The workflow's pins; none when nothing was pinned. */
  read(workflowId: string): Promise<WorkflowPins>;
  write(workflowId: string, pins: WorkflowPins): Promise<void>;
}

/**
 * Pins on disk, next to the workflow files and out of them: `.switchyard/pins/<workflow id>.pins.json`
 * in the workspace folder. Keyed by workflow id, so that renaming a file keeps its pins; never part
 * of an exported document.
 *
 * @example
 * const pins = new FsPinStore('/home/ana/flows');
 * await pins.write('invoice', { fetch: { output: { status: 200 }, pinnedAt: '2026-12-04T10:00:00.000Z' } });
 */
export class FsPinStore implements PinStore {
  readonly dir: string;

  constructor(workspaceDir: string) {
    this.dir = workspaceDataDir(workspaceDir, 'pins');
  }

  async read(workflowId: string): Promise<WorkflowPins> {
    const path = this.pathOf(workflowId);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return {};
      throw new SwitchyardError('STORE_FAILED', `cannot read the pinned data ${path}: ${String(err)}`);
    }
    const parsed = PinsFile.safeParse(parseJsonText(path, text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SwitchyardError(
        'STORE_FAILED',
        `the pinned data ${path} is not a pins file (${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}); delete it to start again`,
      );
    }
    return parsed.data.pins;
  }

  async write(workflowId: string, pins: WorkflowPins): Promise<void> {
    const path = this.pathOf(workflowId);
    const file: PinsFile = { format: PINS_FORMAT, workflowId, pins };
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomically(path, prettyJson(file));
    } catch (err) {
      throw new SwitchyardError(
        'STORE_FAILED',
        `cannot write the pinned data ${path}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private pathOf(workflowId: string): string {
    // The id's pattern (lower-case letters, digits, _ and -) keeps the path inside the folder.
    const id = WorkflowId.parse(workflowId);
    return join(this.dir, `${id}.pins.json`);
  }
}
