import { createHash, timingSafeEqual } from 'node:crypto';

export type CodeChallengeMethod = 'S256' | 'plain';

/** RFC 7636 §4.1: 43–128 characters from the unreserved set. */
const verifierShape = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Whether `verifier` answers the challenge bound to an authorization code (RFC 7636 §4.6). */
export function pkceVerifierMatches(challenge: string, method: CodeChallengeMethod, verifier: string): boolean {
  if (!verifierShape.test(verifier)) return false;
  const derived = method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  const a = Buffer.from(derived);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The method an authorize request asked for; PKCE's default is `plain`. Undefined when unknown. */
export function parseChallengeMethod(value: string | undefined): CodeChallengeMethod | undefined {
  if (value === undefined || value === '' || value === 'plain') return 'plain';
  if (value === 'S256') return 'S256';
  return undefined;
}
