import type { EmulatorStore } from '../state/store.ts';

/**
 * Sends `endpoint.url_validation` to the app's webhook URL and checks the answer
 * (`encryptedToken` = hex HMAC-SHA256(secretToken, plainToken), within 3 s).
 */
export async function validateEndpoint(_store: EmulatorStore, _clientId: string): Promise<boolean> {
  return false;
}
