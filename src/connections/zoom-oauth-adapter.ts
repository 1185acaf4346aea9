import type { Config } from '../core/config/config.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { buildAuthorizationUrl, newPkcePair } from '../providers/zoom/authorization-url.ts';
import { classifyZoomFailure } from '../providers/zoom/error-classification.ts';
import { isZoomOAuthError } from '../providers/zoom/oauth-errors.ts';
import { zoomAuthorizationServer } from '../providers/zoom/oauth-server.ts';
import { exchangeAuthorizationCode, refreshTokenSet, revokeToken } from '../providers/zoom/token-grants.ts';
import { getCurrentUser } from '../providers/zoom/users-api.ts';
import type { ZoomApi, ZoomCallObserver } from '../providers/zoom/zoom-call-observer.ts';
import { zoomConnector } from './connectors.ts';
import type { ZoomAuthorizationPort } from './zoom-port.ts';

/** The connections flow's view of Zoom, built on src/providers/zoom for the configured Zoom; `observe` hears of its REST calls. */
export function createZoomOAuthAdapter(config: Config, observe?: ZoomCallObserver): ZoomAuthorizationPort {
  if (!config.zoom) throw new ConferError('CONFIG_INVALID', 'No Zoom app is configured (ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET).');
  const server = zoomAuthorizationServer(config.zoom.oauthUrl);
  const api: ZoomApi = { url: config.zoom.apiUrl, ...(observe ? { observe } : {}) };
  return {
    newPkce: newPkcePair,
    authorizationUrl: (input) => buildAuthorizationUrl(server, input),
    exchangeCode: ({ app, callbackUrl, redirectUri, codeVerifier }) => exchangeAuthorizationCode({ server, client: app, callbackUrl, redirectUri, codeVerifier }),
    refresh: (app, refreshToken) => refreshTokenSet({ server, client: app, refreshToken }),
    revoke: (app, token) => revokeToken({ server, client: app, token }),
    fetchProfile: async (accessToken) => {
      const user = await getCurrentUser(api, accessToken);
      return { id: user.id, accountId: user.accountId, email: user.email, name: user.name };
    },
    classify: classifyZoomFailure,
    explainAuthorizationFailure: explainFailure,
  };
}

const adminSteps = zoomConnector.adminApprovalSteps.map((step, i) => `${i + 1}. ${step}`).join(' ');

/** What a person reads when connecting failed, in plain words, with what to do about it. */
function explainFailure(error: unknown, context: { callbackUrl: string }): ConferError {
  if (error instanceof ConferError) return error;
  if (isZoomOAuthError(error)) {
    switch (error.code) {
      case 'declined':
        return new ConferError('ZOOM_AUTHORIZATION_DECLINED', 'Zoom access was declined, so Confer was not connected. Press Connect again and choose Authorize on Zoom’s page.', { cause: error });
      case 'invalid_client':
        return new ConferError('ZOOM_CLIENT_REJECTED', 'Zoom did not accept the Client ID or Client secret of this OAuth app. Check both under App Credentials in the Zoom App Marketplace, then connect again.', { cause: error });
      case 'redirect_mismatch':
        return new ConferError('ZOOM_REDIRECT_MISMATCH', `The Zoom app does not list Confer’s callback URL. Add ${context.callbackUrl} as the Redirect URL for OAuth and to the OAuth allow list of the app, then connect again.`, { cause: error });
      case 'approval_withdrawn':
      case 'preapproval_required':
        return new ConferError('ZOOM_PREAPPROVAL_REQUIRED', `Your Zoom account requires a Zoom admin to pre-approve Confer before you can connect. Ask your Zoom admin to: ${adminSteps}`, { cause: error });
      case 'unreachable':
        return new ConferError('ZOOM_UNREACHABLE', 'Zoom could not be reached to finish connecting. Nothing was stored; try again in a moment.', { cause: error });
      default:
        return new ConferError('OAUTH_STATE_INVALID', 'Zoom did not accept the authorization (it expired or was already used). Nothing was connected; press Connect again.', { cause: error });
    }
  }
  const verdict = classifyZoomFailure(error);
  if (verdict.kind === 'scope_missing') {
    return new ConferError('ZOOM_SCOPE_MISSING', `${verdict.reason}. Add the scope to the Zoom app, then connect again.`, { cause: error });
  }
  if (verdict.kind === 'retry_later' && verdict.retryAfterMs !== undefined) {
    return new ConferError('ZOOM_RATE_LIMITED', 'Zoom is limiting requests right now, so connecting could not finish. Nothing was stored; try again in a minute.', { cause: error, retryAfterSeconds: verdict.retryAfterMs / 1000 });
  }
  if (verdict.kind === 'retry_later') {
    return new ConferError('ZOOM_UNREACHABLE', 'Zoom could not be reached to finish connecting. Nothing was stored; try again in a moment.', { cause: error });
  }
  if (verdict.kind === 'reauthorize') {
    return new ConferError('ZOOM_PREAPPROVAL_REQUIRED', `Zoom refused the new authorization: ${verdict.reason}. Ask your Zoom admin to: ${adminSteps}`, { cause: error });
  }
  return new ConferError('ZOOM_REQUEST_FAILED', `Zoom refused to tell Confer who signed in: ${verdict.kind === 'permanent' ? verdict.reason : 'the token was not accepted'}. Try connecting again.`, { cause: error });
}
