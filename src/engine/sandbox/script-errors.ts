import { formatBytes, SwitchyardError } from '#shared';

export function timeoutError(timeoutMs: number): SwitchyardError {
  return new SwitchyardError('SCRIPT_TIMEOUT', `script ran longer than ${timeoutMs} ms`);
}

export function memoryError(limitBytes: number): SwitchyardError {
  return new SwitchyardError('SCRIPT_FAILED', `script exceeded its memory limit of ${formatBytes(limitBytes)}`);
}

export function scriptFailed(message: string): SwitchyardError {
  return new SwitchyardError('SCRIPT_FAILED', message);
}
