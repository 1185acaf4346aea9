import * as oauth from 'oauth4webapi';
import { toZoomOAuthError, ZoomOAuthError } from './oauth-errors.ts';
import { requestOptions, type ZoomAuthorizationServer } from './oauth-server.ts';

/** An OAuth app's credentials: Confer's own, or a folder's own app. */
export interface ZoomOAuthClient {
  clientId: string;
  clientSecret: string;
}

/** A token pair as Zoom issued it, with the scopes it was granted. */
export interface ZoomTokenSet {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scopes: string[];
  apiUrl: string | undefined;
}

const clientOf = (client: ZoomOAuthClient): oauth.Client => ({ client_id: client.clientId, token_endpoint_auth_method: 'client_secret_basic' });

/** Parses a token response (both grants share it); Zoom's scope list is space separated. */
export function parseTokenResponse(response: oauth.TokenEndpointResponse, now = Date.now()): ZoomTokenSet {
  if (!response.refresh_token) throw new ZoomOAuthError('invalid_response', 'Zoom returned no refresh token');
  const expiresIn = typeof response.expires_in === 'number' && response.expires_in > 0 ? response.expires_in : 3599;
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: new Date(now + expiresIn * 1000),
    scopes: (response.scope ?? '').split(/[\s,]+/).filter(Boolean),
    apiUrl: typeof response.api_url === 'string' ? response.api_url : undefined,
  };
}

/**
 * The `authorization_code` grant for the URL Zoom redirected back to. The state was already
 * claimed by the caller (it is stored hashed), so it is not checked again here; an `error` in the
 * redirect (Decline) becomes a ZoomOAuthError.
 */
export async function exchangeAuthorizationCode(input: {
  server: ZoomAuthorizationServer;
  client: ZoomOAuthClient;
  callbackUrl: URL;
  redirectUri: string;
  codeVerifier: string;
}): Promise<ZoomTokenSet> {
  const client = clientOf(input.client);
  try {
    const params = oauth.validateAuthResponse(input.server.metadata, client, input.callbackUrl, oauth.skipStateCheck);
    const response = await oauth.authorizationCodeGrantRequest(
      input.server.metadata, client, oauth.ClientSecretBasic(input.client.clientSecret), params, input.redirectUri, input.codeVerifier,
      requestOptions(input.server),
    );
    return parseTokenResponse(await oauth.processAuthorizationCodeResponse(input.server.metadata, client, response));
  } catch (error) {
    throw toZoomOAuthError(error);
  }
}

/** The `refresh_token` grant. Zoom rotates: the refresh token passed in is dead afterwards. */
export async function refreshTokenSet(input: { server: ZoomAuthorizationServer; client: ZoomOAuthClient; refreshToken: string }): Promise<ZoomTokenSet> {
  const client = clientOf(input.client);
  try {
    const response = await oauth.refreshTokenGrantRequest(
      input.server.metadata, client, oauth.ClientSecretBasic(input.client.clientSecret), input.refreshToken, requestOptions(input.server),
    );
    return parseTokenResponse(await oauth.processRefreshTokenResponse(input.server.metadata, client, response));
  } catch (error) {
    throw toZoomOAuthError(error);
  }
}

/** Revokes an authorization at Zoom (`POST /oauth/revoke`) by one of its tokens. */
export async function revokeToken(input: { server: ZoomAuthorizationServer; client: ZoomOAuthClient; token: string }): Promise<void> {
  const client = clientOf(input.client);
  try {
    const response = await oauth.revocationRequest(
      input.server.metadata, client, oauth.ClientSecretBasic(input.client.clientSecret), input.token, requestOptions(input.server),
    );
    await oauth.processRevocationResponse(response);
  } catch (error) {
    throw toZoomOAuthError(error);
  }
}
