import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_RECENT_FILES, RecentFiles } from './recent-files.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-recent-'));
let counter = 0;
const freshPath = (): string => join(dir, `recent-${++counter}.json`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RecentFiles', () => {
  it('keeps the newest first, without duplicates, and persists the list', () => {
    const path = freshPath();
    const recents = new RecentFiles(path);
    recents.add('/a.flow.json');
    recents.add('/b.flow.json');
    recents.add('/a.flow.json');
    expect(recents.list()).toEqual(['/a.flow.json', '/b.flow.json']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(['/a.flow.json', '/b.flow.json']);
    expect(new RecentFiles(path).list()).toEqual(['/a.flow.json', '/b.flow.json']);
  });

  it(`keeps at most ${MAX_RECENT_FILES}`, () => {
    const recents = new RecentFiles(freshPath());
    for (let i = 0; i < 15; i++) recents.add(`/f${i}.flow.json`);
    expect(recents.list()).toHaveLength(MAX_RECENT_FILES);
    expect(recents.list()[0]).toBe('/f14.flow.json');
    expect(recents.list().at(-1)).toBe('/f5.flow.json');
  });

  it('removes and clears', () => {
    const path = freshPath();
    const recents = new RecentFiles(path);
    recents.add('/a.flow.json');
    recents.add('/b.flow.json');
    recents.remove('/a.flow.json');
    expect(recents.list()).toEqual(['/b.flow.json']);
    recents.clear();
    expect(new RecentFiles(path).list()).toEqual([]);
  });

  it.each([
    ['not JSON', '{oops'],
    ['the wrong shape', '{"files": ["/a.flow.json"]}'],
    ['non-string entries', '["/a.flow.json", 3]'],
  ])('reads a damaged file (%s) as an empty list', (_name, text) => {
    const path = freshPath();
    writeFileSync(path, text);
    expect(new RecentFiles(path).list()).toEqual([]);
  });

  it('reads a missing file as an empty list', () => {
    expect(new RecentFiles(join(dir, 'missing', 'recent.json')).list()).toEqual([]);
  });
});
