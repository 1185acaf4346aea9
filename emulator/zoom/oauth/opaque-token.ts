import { randomBytes } from 'node:crypto';

const part = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * A token shaped like Zoom's (three base64url parts, a JWT-like header) whose payload and signature
 * are random bytes: a client that decodes it instead of treating it as opaque gets garbage, visibly.
 */
export function opaqueZoomToken(): string {
  const header = JSON.stringify({ alg: 'HS512', v: '2.0', kid: randomBytes(12).toString('base64url') });
  return `${part(header)}.${part(randomBytes(96))}.${part(randomBytes(64))}`;
}

/** An authorization code: URL-safe, the length Zoom's have. */
export function authorizationCode(): string {
  return `${randomBytes(18).toString('base64url')}_${randomBytes(9).toString('base64url')}`;
}
