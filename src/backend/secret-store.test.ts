import { chmodSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostSecrets } from './host-secrets.js';
import { SecretStore } from './secret-store.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function secretsFile(name: string, content: unknown, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}

const open = (path: string, outside?: string) =>
  SecretStore.open(path, { source: 'file', ...(outside === undefined ? {} : { outside }) });

describe('SecretStore', () => {
  it('reads an owner-only secrets file and keeps it owner-only when it changes', () => {
    const path = secretsFile('ok.json', { API_TOKEN: 'tok-1234' });
    const store = open(path);
    expect(store.get('API_TOKEN')).toBe('tok-1234');
    store.set('DB_PASSWORD', 'pw-5678');
    expect(store.delete('API_TOKEN')).toBe(true);
    expect(store.delete('API_TOKEN')).toBe(false);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ DB_PASSWORD: 'pw-5678' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(open(path).names()).toEqual(['DB_PASSWORD']);
  });

  it.each([
    [
      'readable by others',
      () => secretsFile('open.json', { A_B: 'abcd' }, 0o644),
      'can be read by other users (mode 644); make it owner-only: chmod 600',
    ],
    ['missing', () => join(dir, 'nope.json'), 'does not exist'],
    ['not JSON', () => secretsFile('bad.json', '{"A": '), 'is not valid JSON'],
    [
      'a bad name',
      () => secretsFile('name.json', { 'api token': 'abcd' }),
      'api token: a secret name is upper case letters, digits and _',
    ],
    ['a short value', () => secretsFile('short.json', { PIN: '12' }), 'PIN: a secret has at least 4 characters'],
  ])('refuses a file %s with BAD_SECRETS', (_what, make, message) => {
    const path = make();
    expect(() => open(path)).toThrow(
      expect.objectContaining({ code: 'BAD_SECRETS', message: expect.stringContaining(message) }),
    );
  });

  it('refuses a secrets file inside the workspace', () => {
    const workspace = join(dir, 'ws');
    mkdirSync(workspace, { recursive: true });
    const path = join(workspace, 'secrets.json');
    writeFileSync(path, '{}', { mode: 0o600 });
    expect(() => open(path, workspace)).toThrow(/is inside the workspace/);
    expect(open(secretsFile('outside.json', {}), workspace).names()).toEqual([]);
  });

  it('encodes values with its codec (the keychain) and starts empty without a file', () => {
    const codec = { encode: (v: string) => `enc:${v}`, decode: (v: string) => v.slice(4) };
    const path = join(dir, 'keychain.json');
    const store = SecretStore.open(path, { source: 'keychain', codec });
    store.set('API_TOKEN', 'tok-1234');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ API_TOKEN: 'enc:tok-1234' });
    expect(SecretStore.open(path, { source: 'keychain', codec }).get('API_TOKEN')).toBe('tok-1234');
  });
});

describe('hostSecrets', () => {
  it('takes the environment first, then the store, and lists names with their source', () => {
    const store = open(secretsFile('host.json', { API_TOKEN: 'from-file', OTHER: 'other-value' }));
    const secrets = hostSecrets({ SWITCHYARD_SECRET_API_TOKEN: 'from-env', PATH: '/bin' }, store);
    expect(secrets.get('API_TOKEN')).toBe('from-env');
    expect(secrets.get('OTHER')).toBe('other-value');
    expect(secrets.list()).toEqual([
      { name: 'API_TOKEN', source: 'environment' },
      { name: 'OTHER', source: 'file' },
    ]);
    expect(secrets.values()).toEqual(expect.arrayContaining(['from-env', 'from-file', 'other-value']));
    expect(secrets.howToSet('NEW')).toBe(`add it to ${store.path} or set SWITCHYARD_SECRET_NEW`);
    expect(hostSecrets({}).howToSet('NEW')).toBe('set SWITCHYARD_SECRET_NEW, or give a secrets file');
  });

  it('refuses an environment secret too short to redact', () => {
    expect(() => hostSecrets({ SWITCHYARD_SECRET_PIN: '12' })).toThrow(
      expect.objectContaining({ code: 'BAD_SECRETS', message: expect.stringContaining('SWITCHYARD_SECRET_PIN') }),
    );
  });
});
