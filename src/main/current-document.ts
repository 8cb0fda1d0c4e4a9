import type { BackendMethod } from '#shared';

function fileOf(value: unknown, key = 'file'): string | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' ? field : undefined;
}

/**
 * Which workspace file the page is working on, learnt from the Backend API calls it makes
 * (so Export… knows what to export without another IPC channel).
 *
 * @example
 * nextCurrentFile(undefined, 'openWorkflow', { file: 'a.flow.json' }, {...}) // 'a.flow.json'
 */
export function nextCurrentFile(
  current: string | undefined,
  method: BackendMethod,
  params: unknown,
  result: unknown,
): string | undefined {
  switch (method) {
    case 'openWorkflow':
    case 'saveWorkflow':
    case 'importWorkflow':
      return fileOf(result) ?? current;
    case 'renameWorkflow':
      return fileOf(params) === current ? (fileOf(result) ?? fileOf(params, 'to')) : current;
    case 'deleteWorkflow':
      return fileOf(params) === current ? undefined : current;
    default:
      return current;
  }
}
