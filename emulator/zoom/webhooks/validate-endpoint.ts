import { randomBytes } from 'node:crypto';
import type { EmulatorStore } from '../state/store.ts';
import { encryptedToken, webhookRequestHeaders } from './signature.ts';

const validationTimeoutMs = 3000;

/**
 * Sends `endpoint.url_validation` to the app's webhook URL and checks the answer (200 within 3 s,
 * `{plainToken, encryptedToken = hex HMAC-SHA256(secretToken, plainToken)}`), as Zoom does when a
 * subscription is saved and every 72 hours. Records the outcome in `webhook.validated`.
 */
export async function validateEndpoint(store: EmulatorStore, clientId: string): Promise<boolean> {
  return (await checkEndpoint(store, clientId)).valid;
}

export interface EndpointCheck {
  valid: boolean;
  /** Why validation failed, for the control API and logs. */
  reason?: string;
}

/** `validateEndpoint` with the reason of a failure. */
export async function checkEndpoint(store: EmulatorStore, clientId: string): Promise<EndpointCheck> {
  const subscription = store.apps.get(clientId)?.webhook;
  if (!subscription) return { valid: false, reason: 'the app has no webhook subscription' };
  const plainToken = randomBytes(16).toString('base64url');
  const body = JSON.stringify({ payload: { plainToken }, event_ts: store.now(), event: 'endpoint.url_validation' });
  const timestamp = Math.floor((store.settings.webhookTimestampClock === 'emulator' ? store.now() : Date.now()) / 1000);
  let check: EndpointCheck;
  try {
    const response = await fetch(subscription.url, {
      method: 'POST',
      headers: webhookRequestHeaders({ clientId, secretToken: subscription.secretToken, timestamp, body }),
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(validationTimeoutMs),
    });
    if (response.status === 200) {
      const answer: unknown = await response.json();
      check = isValidAnswer(answer, plainToken, encryptedToken(subscription.secretToken, plainToken))
        ? { valid: true }
        : { valid: false, reason: 'the answer does not carry the expected plainToken and encryptedToken' };
    } else {
      await response.body?.cancel();
      check = { valid: false, reason: `the endpoint answered ${response.status}` };
    }
  } catch (cause) {
    // Unreachable, slow or not JSON: Zoom reports all of these as "URL validation failed".
    check = { valid: false, reason: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) };
  }
  subscription.validated = check.valid;
  store.persist();
  return check;
}

function isValidAnswer(answer: unknown, plainToken: string, expected: string): boolean {
  if (!answer || typeof answer !== 'object') return false;
  const record = answer as Record<string, unknown>;
  return record['plainToken'] === plainToken && record['encryptedToken'] === expected;
}
