import { spawnCli, stdoutMatch, type CliProcess } from './cli-process.js';

export interface ServeProcess extends CliProcess {
  url: string;
  /** POST /api/METHOD; the `data` of the answer, or a throw with the error envelope's message. */
  api<T>(method: string, params: unknown): Promise<T>;
}

/** POST /api/METHOD on `url`; the `data` of the answer, or a throw with the error envelope's message. */
export async function callApi<T>(url: string, method: string, params: unknown): Promise<T> {
  const res = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as { data?: T; error?: { code: string; message: string } };
  if (!res.ok || body.data === undefined)
    throw new Error(`${method}: ${res.status} ${body.error?.code ?? ''} ${body.error?.message ?? ''}`);
  return body.data;
}

/**
 * Starts `switchyard serve --port 0 ARGS` (ARGS name the store and the workspace) with `env`
 * added to the environment, and resolves once it listens.
 */
export async function startServe(
  cwd: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const cli = spawnCli(cwd, ['serve', '--port', '0', ...args], env);
  const [, url = ''] = await stdoutMatch(cli, / at (http:\/\/\S+)\n/);
  return { ...cli, url, api: (method, params) => callApi(url, method, params) };
}
