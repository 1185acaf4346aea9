import { createHash, timingSafeEqual } from 'node:crypto';
import type { App } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { tokenFailures, type TokenFailure } from './errors.ts';

export type ClientCheck = { ok: true; app: App } | { ok: false; failure: TokenFailure };

/** RFC 6749 §2.3.1: id and secret are form-url-encoded before Basic encoding, so decode them. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

/** The id and secret of an `Authorization: Basic` header; undefined when absent or malformed. */
export function parseBasicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  return clientId === undefined || clientSecret === undefined ? undefined : { clientId, clientSecret };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Authenticates the client of a token or revoke request: HTTP Basic as Zoom documents it, or, as
 * Zoom's error 4706 implies it also reads them, `client_id` + `client_secret` parameters.
 */
export function authenticateClient(store: EmulatorStore, authorization: string | undefined, params: Record<string, string>): ClientCheck {
  const basic = parseBasicCredentials(authorization);
  if (authorization !== undefined && authorization !== '' && !basic) return { ok: false, failure: tokenFailures.invalidClient() };
  const credentials = basic ?? (params.client_id && params.client_secret ? { clientId: params.client_id, clientSecret: params.client_secret } : undefined);
  if (!credentials) return { ok: false, failure: tokenFailures.clientMissing() };
  const app = store.apps.get(credentials.clientId);
  if (!app || !timingSafeEqual(digest(app.clientSecret), digest(credentials.clientSecret))) {
    return { ok: false, failure: tokenFailures.invalidClient() };
  }
  if (app.disabled) return { ok: false, failure: tokenFailures.appDisabled() };
  return { ok: true, app };
}
