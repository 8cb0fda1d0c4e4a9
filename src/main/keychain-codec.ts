import { safeStorage } from 'electron';
import type { SecretCodec } from '#backend';

/** Secret values encrypted with the OS keychain's key (Electron safeStorage), stored as base64. */
export const safeStorageCodec: SecretCodec = {
  encode: (value) => safeStorage.encryptString(value).toString('base64'),
  decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
};
