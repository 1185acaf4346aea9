import * as oauth from 'oauth4webapi';

/** Zoom's authorization server, described by hand: Zoom publishes no discovery document. */
export interface ZoomAuthorizationServer {
  metadata: oauth.AuthorizationServer;
  /** Plain http is allowed only for a loopback host (the bundled emulator), never otherwise. */
  allowInsecure: boolean;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export const isLoopbackUrl = (url: URL): boolean => loopbackHosts.has(url.hostname);

/** Describes the authorization server at `oauthUrl` (https://zoom.us, or the emulator). */
export function zoomAuthorizationServer(oauthUrl: string): ZoomAuthorizationServer {
  const base = new URL(oauthUrl);
  const origin = base.origin;
  return {
    metadata: {
      issuer: origin,
      authorization_endpoint: `${origin}/oauth/authorize`,
      token_endpoint: `${origin}/oauth/token`,
      revocation_endpoint: `${origin}/oauth/revoke`,
      code_challenge_methods_supported: ['S256', 'plain'],
    },
    allowInsecure: base.protocol === 'http:' && isLoopbackUrl(base),
  };
}

/** Each Zoom call gets this long before it counts as Zoom being unreachable. */
export const zoomRequestTimeoutMs = 10_000;

/** Options every oauth4webapi request to Zoom carries: a timeout, and loopback-only plain http. */
export function requestOptions(server: ZoomAuthorizationServer): oauth.HttpRequestOptions<'POST', URLSearchParams> {
  return { signal: AbortSignal.timeout(zoomRequestTimeoutMs), [oauth.allowInsecureRequests]: server.allowInsecure };
}
