/**
 * Every error Confer reports, by code. The code is the stable contract (clients branch on it);
 * the title is what a person reads. `docs/errors.md` lists the same codes, and a test keeps the two
 * in step.
 */
export const errorCatalog = {
  CONFIG_INVALID: { status: 500, title: 'Configuration is invalid' },
  DATA_DIR_IN_USE: { status: 500, title: 'Data directory is in use by another Confer' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'Database is unavailable' },
  DATABASE_START_FAILED: { status: 500, title: 'Embedded database failed to start' },
  MIGRATION_FAILED: { status: 500, title: 'Database migration failed' },
  KEY_RING_INVALID: { status: 500, title: 'Encryption key ring is invalid' },
  DECRYPTION_FAILED: { status: 500, title: 'Stored secret could not be decrypted' },
  JOB_QUEUE_UNAVAILABLE: { status: 503, title: 'Job queue is unavailable' },
  VALIDATION_FAILED: { status: 400, title: 'Request is invalid' },
  MALFORMED_REQUEST: { status: 400, title: 'Request body is malformed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Content type is not supported' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  SHUTTING_DOWN: { status: 503, title: 'Confer is shutting down' },
  // Accounts and sessions
  UNAUTHENTICATED: { status: 401, title: 'Sign-in required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  CROSS_SITE_REQUEST_REJECTED: { status: 403, title: 'Request came from another site' },
  API_KEY_INVALID: { status: 401, title: 'API key is not valid' },
  API_KEY_READ_ONLY: { status: 403, title: 'API key may only read' },
  SETUP_ALREADY_DONE: { status: 409, title: 'Workspace already exists' },
  SIGN_IN_FAILED: { status: 401, title: 'Email or password is incorrect' },
  SIGN_IN_RATE_LIMITED: { status: 429, title: 'Too many sign-in attempts' },
  EMAIL_TAKEN: { status: 409, title: 'Email is already in use' },
  // Connections and Zoom
  OAUTH_STATE_INVALID: { status: 400, title: 'Authorization could not be completed' },
  ZOOM_AUTHORIZATION_DECLINED: { status: 400, title: 'Zoom authorization was declined' },
  ZOOM_PREAPPROVAL_REQUIRED: { status: 403, title: 'Zoom app needs pre-approval' },
  ZOOM_CLIENT_REJECTED: { status: 400, title: 'Zoom rejected the OAuth app credentials' },
  ZOOM_REDIRECT_MISMATCH: { status: 400, title: 'Callback URL is not registered with the Zoom app' },
  ZOOM_UNREACHABLE: { status: 502, title: 'Zoom could not be reached' },
  ZOOM_SCOPE_MISSING: { status: 403, title: 'Zoom connection lacks a permission' },
  ZOOM_RATE_LIMITED: { status: 429, title: 'Zoom rate limit reached' },
  ZOOM_REQUEST_FAILED: { status: 502, title: 'Zoom refused the request' },
  ZOOM_ACCOUNT_MISMATCH: { status: 409, title: 'Signed in to Zoom as another user' },
  CONNECTION_NEEDS_REAUTHORIZATION: { status: 409, title: 'Connection needs re-authorization' },
  CONNECTION_REVOKED: { status: 409, title: 'Connection was revoked' },
  CREDENTIAL_ASSET_UNRESOLVED: { status: 422, title: 'Credential asset could not be resolved' },
  CREDENTIAL_ASSET_NAME_TAKEN: { status: 409, title: 'Credential asset name is taken' },
  CREDENTIAL_ASSET_IN_USE: { status: 409, title: 'Credential asset is in use' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, title: 'Webhook signature is invalid' },
  // Zoom actions through a connection
  ZOOM_REQUEST_INVALID: { status: 422, title: 'Zoom found the request invalid' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key was used for another request' },
  IDEMPOTENCY_KEY_IN_FLIGHT: { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  IDEMPOTENCY_OUTCOME_UNKNOWN: { status: 409, title: 'Outcome of the earlier request is unknown' },
  // Outgoing webhooks
  WEBHOOK_ADDRESS_NOT_ALLOWED: { status: 422, title: 'Webhook URL is not allowed' },
  WEBHOOK_SUBSCRIPTION_DISABLED: { status: 409, title: 'Webhook subscription is disabled' },
  // Scheduling
  BOOKING_PAGE_SLUG_TAKEN: { status: 409, title: 'Booking page URL is taken' },
  BOOKING_PAGE_NOT_PUBLISHABLE: { status: 422, title: 'Booking page cannot be published' },
  BOOKING_SLOT_TAKEN: { status: 409, title: 'That time was just taken' },
  BOOKING_SLOT_UNAVAILABLE: { status: 409, title: 'That time is not available' },
  BOOKING_NOT_CHANGEABLE: { status: 409, title: 'Booking can no longer be changed' },
  MANAGE_LINK_INVALID: { status: 404, title: 'Link is used or not valid' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalog;
