import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The packaged app's Electron fuses (electron-builder flips them in the binary it ships).
const config = readFileSync(join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8');
const fuses = config.slice(config.indexOf('\nelectronFuses:'));

describe('the packaged app', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
    ['enableCookieEncryption', true],
  ])('sets the fuse %s to %s', (fuse, value) => {
    expect(fuses).toMatch(new RegExp(`\\n  ${fuse}: ${String(value)}\\n`));
  });
});
