import { describe, expect, it } from 'vitest';
import { nextCurrentFile } from './current-document.js';

describe('nextCurrentFile', () => {
  it('follows opens, saves and imports', () => {
    let current = nextCurrentFile(
      undefined,
      'openWorkflow',
      { file: 'a.flow.json' },
      { file: 'a.flow.json', workflow: {}, problems: [] },
    );
    expect(current).toBe('a.flow.json');
    current = nextCurrentFile(
      current,
      'saveWorkflow',
      { file: 'b.flow.json', workflow: {} },
      { file: 'b.flow.json', problems: [] },
    );
    expect(current).toBe('b.flow.json');
    current = nextCurrentFile(
      current,
      'importWorkflow',
      { fileName: 'c.json', text: '' },
      { file: 'c.flow.json', problems: [] },
    );
    expect(current).toBe('c.flow.json');
  });

  it('follows a rename of the current file and forgets it when deleted', () => {
    expect(
      nextCurrentFile(
        'a.flow.json',
        'renameWorkflow',
        { file: 'a.flow.json', to: 'z.flow.json' },
        { file: 'z.flow.json' },
      ),
    ).toBe('z.flow.json');
    expect(
      nextCurrentFile(
        'a.flow.json',
        'renameWorkflow',
        { file: 'b.flow.json', to: 'z.flow.json' },
        { file: 'z.flow.json' },
      ),
    ).toBe('a.flow.json');
    expect(
      nextCurrentFile('a.flow.json', 'deleteWorkflow', { file: 'a.flow.json' }, { file: 'a.flow.json' }),
    ).toBeUndefined();
    expect(nextCurrentFile('a.flow.json', 'deleteWorkflow', { file: 'b.flow.json' }, { file: 'b.flow.json' })).toBe(
      'a.flow.json',
    );
  });

  it('ignores other calls', () => {
    expect(nextCurrentFile('a.flow.json', 'listWorkflows', {}, [])).toBe('a.flow.json');
    expect(nextCurrentFile('a.flow.json', 'startRun', { file: 'b.flow.json' }, { runId: 'r' })).toBe('a.flow.json');
  });
});
