import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkflowFileName } from '#shared';
import { ensureWorkspace, numberedName, workspaceNameFor } from './workspace-seed.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-seed-'));
const examples = join(dir, 'examples');
mkdirSync(examples);
writeFileSync(join(examples, 'a.flow.json'), '{}');
writeFileSync(join(examples, 'b.flow.json'), '{}');
writeFileSync(join(examples, 'README.md'), 'not a flow');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureWorkspace', () => {
  it('creates a missing folder and copies the example flows into it', () => {
    const workspace = join(dir, 'new', 'Switchyard');
    expect(ensureWorkspace(workspace, examples)).toEqual({ created: true, copied: ['a.flow.json', 'b.flow.json'] });
    expect(readdirSync(workspace).sort()).toEqual(['a.flow.json', 'b.flow.json']);
  });

  it('seeds an existing folder that holds only dot files', () => {
    const workspace = join(dir, 'dotfiles');
    mkdirSync(workspace);
    writeFileSync(join(workspace, '.DS_Store'), '');
    expect(ensureWorkspace(workspace, examples).copied).toEqual(['a.flow.json', 'b.flow.json']);
  });

  it('leaves a folder with anything in it alone', () => {
    const workspace = join(dir, 'used');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'mine.flow.json'), '{}');
    expect(ensureWorkspace(workspace, examples)).toEqual({ created: false, copied: [] });
    expect(readdirSync(workspace)).toEqual(['mine.flow.json']);
  });
});

describe('workspaceNameFor', () => {
  it.each([
    ['/x/order-approval.flow.json', 'order-approval.flow.json'],
    ['/x/Order approval (v2).json', 'Order approval -v2-.flow.json'],
    ['C:/Users/ana/flow.JSON', 'flow.flow.json'],
    ['/x/.hidden.flow.json', 'hidden.flow.json'],
    ['/x/ünïcødé.json', 'n-c-d-.flow.json'],
    ['/x/().json', 'workflow.flow.json'],
    ['/x/notes.txt', 'notes.txt.flow.json'],
  ])('%s → %s', (path, expected) => {
    expect(workspaceNameFor(path)).toBe(expected);
    expect(WorkflowFileName.safeParse(expected).success).toBe(true);
  });

  it('numbers copies', () => {
    expect(numberedName('order.flow.json', 2)).toBe('order-2.flow.json');
  });
});
