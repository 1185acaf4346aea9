import * as oauth from 'oauth4webapi';
import type { ZoomAuthorizationServer } from './oauth-server.ts';

/** A PKCE pair: the verifier stays with Confer (sealed), the S256 challenge goes to Zoom. */
export async function newPkcePair(): Promise<{ codeVerifier: string; codeChallenge: string }> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  return { codeVerifier, codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier) };
}

/**
 * Zoom's authorize URL. There is no `scope` parameter: Zoom grants the scopes configured on the
 * app, and Confer checks the granted list afterwards.
 */
export function buildAuthorizationUrl(server: ZoomAuthorizationServer, input: { clientId: string; redirectUri: string; state: string; codeChallenge: string }): string {
  const url = new URL(server.metadata.authorization_endpoint!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  url.searchParams.set('code_challenge', input.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}
