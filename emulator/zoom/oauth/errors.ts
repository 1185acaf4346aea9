/**
 * The errors zoom.us answers on its OAuth endpoints. Numbers are Zoom's own (developers.zoom.us,
 * "OAuth error messages"); Zoom shows them on its HTML error pages, while the token endpoint's JSON
 * carries only `reason` and `error`, so the number is kept here for pages and logs, never added to
 * the JSON (a client must not learn to rely on a field real Zoom does not send).
 */

/** An authorize-step failure: rendered as a Zoom error page, never redirected. */
export interface AuthorizePageError {
  zoomCode: number;
  /** What the page says, as Zoom words it. */
  message: string;
  status: number;
}

export const authorizeErrors = {
  missingClientId: (): AuthorizePageError => ({ zoomCode: 4702, message: 'Invalid client_id: (empty)', status: 400 }),
  unknownClient: (clientId: string): AuthorizePageError => ({ zoomCode: 4702, message: `Invalid client_id: ${clientId}`, status: 400 }),
  appDisabled: (): AuthorizePageError => ({ zoomCode: 4717, message: 'The app has been disabled', status: 400 }),
  redirectMismatch: (redirectUri: string): AuthorizePageError => ({
    zoomCode: 4709,
    message: `Invalid redirect: ${redirectUri === '' ? '(empty)' : redirectUri}`,
    status: 400,
  }),
  unsupportedResponseType: (responseType: string): AuthorizePageError => ({
    zoomCode: 4700,
    message: `Unsupported response_type: ${responseType === '' ? '(empty)' : responseType}`,
    status: 400,
  }),
  badCodeChallenge: (detail: string): AuthorizePageError => ({ zoomCode: 4700, message: detail, status: 400 }),
  ticketInvalid: (): AuthorizePageError => ({
    zoomCode: 4700,
    message: 'This sign-in page has expired. Go back to the app and connect to Zoom again.',
    status: 400,
  }),
  userGone: (): AuthorizePageError => ({ zoomCode: 4735, message: 'The signed-in user no longer exists.', status: 400 }),
  unknownAction: (): AuthorizePageError => ({ zoomCode: 4700, message: 'Unknown action.', status: 400 }),
};

/** A token or revoke endpoint failure: JSON `{reason, error}` with an HTTP status. */
export interface TokenFailure {
  status: number;
  error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';
  reason: string;
  zoomCode: number;
}

const failure = (zoomCode: number, error: TokenFailure['error'], reason: string): TokenFailure => ({ status: 400, error, reason, zoomCode });

export const tokenFailures = {
  clientMissing: () => failure(4706, 'invalid_client', 'Client ID or client secret is missing.'),
  invalidClient: () => failure(4702, 'invalid_client', 'Invalid client_id or client_secret'),
  appDisabled: () => failure(4717, 'invalid_client', 'The app has been disabled'),
  grantTypeMissing: () => failure(4706, 'invalid_request', 'Missing grant type'),
  unsupportedGrantType: () => failure(4705, 'unsupported_grant_type', 'unsupported grant type'),
  // Zoom words an expired code exactly like an unknown one; only the number differs.
  codeInvalid: (code: string) => failure(4734, 'invalid_request', `Invalid authorization code ${code}`.trim()),
  codeExpired: (code: string) => failure(4733, 'invalid_request', `Invalid authorization code ${code}`.trim()),
  redirectMismatch: () => failure(4709, 'invalid_grant', 'Redirect URI mismatch.'),
  codeVerifierMismatch: () => failure(4734, 'invalid_grant', 'Invalid code_verifier'),
  refreshTokenInvalid: () => failure(4700, 'invalid_grant', 'Invalid Token!'),
  /** Reauthorized (4741), revoked or deauthorized: Zoom answers a refresh with the same words. */
  grantRevoked: (zoomCode: number) => failure(zoomCode, 'invalid_grant', 'Invalid Token!'),
  /**
   * Pre-approval withdrawn. REST answers 4738 "The token is disabled by admin."; the refresh answer
   * is undocumented, so the emulator uses the same words under `invalid_grant`: a client then knows
   * re-consent will not help until an admin approves again.
   */
  approvalWithdrawn: () => failure(4738, 'invalid_grant', 'The token is disabled by admin.'),
  accountMissing: () => failure(4700, 'invalid_request', 'Missing account_id'),
  accountUnknown: (accountId: string) => failure(4700, 'invalid_request', `Invalid account_id: ${accountId}`),
  accountWithoutUsers: () => failure(4735, 'invalid_request', 'The account has no user to act as'),
  tokenMissing: () => failure(4700, 'invalid_request', 'Token cannot be empty.'),
};

/** Which Zoom number a revoked grant stands for (for logs; the refresh JSON is the same). */
export const revokedGrantCode = {
  reauthorized: 4741,
  revoked: 4700,
  deauthorized: 4700,
  approval_withdrawn: 4738,
  user_gone: 4735,
} as const;
