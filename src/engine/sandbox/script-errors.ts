import { SwitchyardError } from '#shared';

export function timeoutError(timeoutMs: number): SwitchyardError {
  return new SwitchyardError('SCRIPT_TIMEOUT', `script ran longer than ${timeoutMs} ms`);
}

export function memoryError(limitBytes: number): SwitchyardError {
  return new SwitchyardError('SCRIPT_FAILED', `script exceeded its memory limit of ${formatBytes(limitBytes)}`);
}

export function scriptFailed(message: string): SwitchyardError {
  return new SwitchyardError('SCRIPT_FAILED', message);
}

export function formatBytes(bytes: number): string {
  const mebi = 1024 * 1024;
  if (bytes >= mebi && bytes % mebi === 0) return `${bytes / mebi} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
