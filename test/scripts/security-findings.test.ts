import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AllowList,
  compareFindings,
  formatFinding,
  type AllowedFinding,
  type ScannedFinding,
} from '../../scripts/security/findings.js';

function finding(overrides: Partial<ScannedFinding> = {}): ScannedFinding {
  return {
    scan: 'source',
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/security.ts',
    location: { line: 15, column: 2 },
    sample: '  shell.openExternal(url).catch(() => {',
    severity: { name: 'MEDIUM' },
    confidence: { name: 'TENTATIVE' },
    ...overrides,
  };
}

const allowed: AllowedFinding = {
  scan: 'source',
  check: 'OPEN_EXTERNAL_JS_CHECK',
  file: 'main/security.ts',
  sample: 'shell.openExternal(url)',
  reason: 'guarded by the allow-list of external hosts',
};

describe('compareFindings', () => {
  it('lets through a finding an entry explains, wherever its line moved', () => {
    expect(compareFindings([finding({ location: { line: 99, column: 0 } })], [allowed])).toEqual({
      unexpected: [],
      stale: [],
    });
  });

  it('fails a finding in another file, scan, check or code, and reports the entry that explains nothing', () => {
    for (const other of [
      finding({ file: 'main/window.ts' }),
      finding({ scan: 'built' }),
      finding({ id: 'SANDBOX_JS_CHECK' }),
      finding({ sample: 'shell.openExternal(req.url)' }),
    ]) {
      expect(compareFindings([other], [allowed])).toEqual({ unexpected: [other], stale: [allowed] });
    }
  });

  it('prints a finding on one line with where, what and why', () => {
    expect(formatFinding(finding({ description: 'Review the use of openExternal' }))).toBe(
      'source main/security.ts:15:2 OPEN_EXTERNAL_JS_CHECK (MEDIUM, TENTATIVE) shell.openExternal(url).catch(() => { — Review the use of openExternal',
    );
  });
});

describe('the allow-list file', () => {
  it('gives a reason for every documented false positive', () => {
    const list = AllowList.parse(JSON.parse(readFileSync('scripts/security/electronegativity-allowed.json', 'utf8')));
    expect(list.falsePositives.length).toBeGreaterThan(0);
    expect(() => AllowList.parse({ falsePositives: [{ ...allowed, reason: 'fine' }] })).toThrow(/false positive/);
  });
});
