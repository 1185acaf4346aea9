/**
 * The emulator's world: everything Zoom would know, kept in memory. The OAuth half (zoom.us) and
 * the REST half (api.zoom.us) both read and write these records through the Store; nothing here
 * speaks HTTP.
 */

export type Plan = 'free' | 'pro' | 'business';
export type Role = 'owner' | 'admin' | 'member';

export interface Account {
  id: string;
  name: string;
  plan: Plan;
  /** "Require publicly listed apps to be pre-approved for your users". */
  requirePreApproval: boolean;
}

export interface User {
  id: string;
  accountId: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  role: Role;
  timezone: string;
  /** Personal meeting ID, 10 digits. */
  pmi: number;
  /** The meeting defaults `GET /users/me/settings` reports. */
  settings: UserMeetingSettings;
}

export interface UserMeetingSettings {
  waitingRoom: boolean;
  requirePasscode: boolean;
  joinBeforeHost: boolean;
  autoRecording: 'local' | 'cloud' | 'none';
  muteUponEntry: boolean;
  hostVideo: boolean;
  participantVideo: boolean;
}

export interface WebhookSubscription {
  url: string;
  secretToken: string;
  events: string[];
  /** Set once `endpoint.url_validation` has been answered correctly. */
  validated: boolean;
}

export interface App {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  /** Scopes configured on the app; granted as a whole (Zoom has no `scope` parameter). */
  scopes: string[];
  webhook?: WebhookSubscription;
  /** How many latest authorizations of one user stay valid ("token tolerance"); Zoom's default is 1. */
  tokenTolerance: number;
  disabled: boolean;
}

/** An admin's pre-approval of an app for an account: all users, or the listed ones. */
export interface Approval {
  clientId: string;
  accountId: string;
  /** Undefined means every user of the account. */
  userIds?: string[];
}

export interface ApprovalRequest {
  id: string;
  clientId: string;
  accountId: string;
  userId: string;
  requestedAt: number;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  expiresAt: number;
  used: boolean;
}

/**
 * One authorization of a user for an app and the token pairs it produced by refreshing.
 * `generation` orders authorizations of the same (app, user) so tolerance can revoke older ones.
 */
export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  generation: number;
  createdAt: number;
  /** How the grant was obtained; undefined means `authorization_code` (a user's consent). */
  grantType?: 'authorization_code' | 'account_credentials';
  /** Why the grant stopped working; undefined while it works. */
  revoked?: 'reauthorized' | 'revoked' | 'deauthorized' | 'approval_withdrawn' | 'user_gone';
}

export interface AccessToken {
  token: string;
  grantId: string;
  expiresAt: number;
}

export interface RefreshToken {
  token: string;
  grantId: string;
  expiresAt: number;
  /** Refresh tokens are single-use: set once exchanged. */
  used: boolean;
}

export interface MeetingRecord {
  /** int64 meeting id; kept as a string so JSON never rounds it. */
  id: string;
  uuid: string;
  hostId: string;
  topic: string;
  type: number;
  startTime: number;
  duration: number;
  timezone: string;
  agenda: string;
  password: string;
  createdAt: number;
  status: 'waiting' | 'started' | 'ended';
  /** The settings object as Zoom echoes it (defaults applied). */
  settings: Record<string, unknown>;
  /** The `pwd` of `join_url`; changes whenever the passcode does. */
  encryptedPassword?: string;
  /** When the current instance started and ended (emulator clock, ms). */
  startedAt?: number;
  endedAt?: number;
}

export interface RecordingFile {
  id: string;
  meetingId: string;
  recordingStart: number;
  recordingEnd: number;
  fileType: 'MP4' | 'M4A' | 'CHAT' | 'TRANSCRIPT' | 'TIMELINE';
  /** Shown as Zoom shows it: `processing` while Zoom still prepares the file (default `completed`). */
  status?: 'completed' | 'processing';
  /** Listed without `id` and `file_size`, as Zoom lists a TIMELINE file (the id stays internal, for its link). */
  listedWithoutId?: boolean;
  /** Served from the generator (generated-content.ts) instead of `content`: `fileSize` bytes, going silent after `stallAfterBytes`. */
  generated?: { stallAfterBytes?: number };
  fileExtension: string;
  fileSize: number;
  recordingType: string;
  /** The bytes `download_url` serves. */
  content: string;
  /** How `content` holds the bytes; undefined means UTF-8 text. Binary files (MP4, M4A) use base64. */
  contentEncoding?: 'utf8' | 'base64';
}

export interface Recording {
  meetingUuid: string;
  meetingId: string;
  hostId: string;
  topic: string;
  startTime: number;
  duration: number;
  files: RecordingFile[];
  /** The API's `download_access_token` (`include_fields`): opens the API's `download_url`s for 24 hours. */
  downloadToken?: string;
  downloadTokenExpiresAt?: number;
  /**
   * The `download_token` of each recording event: it opens that event's `webhook_download` links
   * (and no others) for 24 hours; an OAuth token opens none of them.
   */
  webhookTokens?: WebhookDownloadToken[];
}

export interface WebhookDownloadToken {
  token: string;
  expiresAt: number;
  fileIds: string[];
}

export interface Fault {
  id: string;
  method: string;
  /** A path pattern: exact, or with `*` matching one segment and `**` any rest. */
  path: string;
  status?: number;
  zoomCode?: number;
  message?: string;
  latencyMs?: number;
  /** Do the work, then never answer (the socket is destroyed). */
  dropResponse?: boolean;
  /** How many matching requests it applies to; undefined is unlimited. */
  times?: number;
  /** Probability 0..1 that a matching request is hit. */
  rate?: number;
  hits: number;
}

export interface WebhookDelivery {
  id: string;
  clientId: string;
  event: string;
  body: string;
  attempts: number;
  /** Emulator-clock time of the next attempt, undefined when settled. */
  nextAttemptAt?: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatus?: number;
  lastError?: string;
  /** Emulator-clock time of the first attempt; retries are scheduled from it. */
  firstAttemptAt?: number;
  /** Every attempt, in order. */
  attemptLog?: WebhookAttempt[];
}

export interface WebhookAttempt {
  /** Emulator-clock time the attempt was sent. */
  at: number;
  /** The `x-zm-request-timestamp` sent (unix seconds). */
  timestamp: number;
  status?: number;
  error?: string;
  durationMs: number;
}

export interface Stats {
  authorizations: number;
  tokenRefreshes: number;
  rejectedRefreshes: number;
  apiCalls: Record<string, number>;
  rateLimited: number;
  webhookDeliveries: number;
  webhookFailures: number;
  /** Recording downloads whose connection closed before the whole file (or range) was sent. */
  downloadsDropped: number;
}

/** How the emulator behaves where Zoom's documentation and reality disagree. */
export interface EmulatorSettings {
  /** What Decline does: stay on Zoom, or redirect with `error=access_denied`. */
  declineBehavior: 'no_redirect' | 'redirect';
  /** Refresh-token lifetime in seconds (sources say 15 years or 90 days). */
  refreshTokenTtlSeconds: number;
  accessTokenTtlSeconds: number;
  /** Exact redirect match (loopback port still ignored). */
  strictRedirect: boolean;
  /** Enforce per-second and daily rate limits. */
  rateLimits: boolean;
  /** The base URL the emulator is reachable at, used in `join_url`, `download_url`, `api_url`. */
  publicUrl: string;
  /**
   * Which clock `x-zm-request-timestamp` reads. Undefined means `wall`: receivers check freshness
   * against their own (real) clock, so an advanced emulator clock must not make retries look stale.
   */
  webhookTimestampClock?: 'wall' | 'emulator';
  /** How long a webhook receiver may take before the attempt counts as a timeout; undefined is Zoom's 3 s. */
  webhookTimeoutMs?: number;
  /**
   * Which failed deliveries are retried: any non-2xx answer, timeouts and unreachable endpoints
   * (Zoom's newest page; undefined means this), or only 5xx, timeouts and unreachable endpoints
   * (older pages).
   */
  webhookRetries?: 'non_2xx' | '5xx_and_timeouts';
  /**
   * Whether a classic `X:write` scope also admits what `X:read` admits (`X:write:admin` likewise
   * `X:read:admin`), as Zoom's scope descriptions say; granular scopes stay exact. Undefined is on.
   */
  classicWriteImpliesRead?: boolean;
  /** The code a missing scope is answered with: 4711, or 4700 / 104 as some real answers carry. Undefined is 4711. */
  missingScopeCode?: 4711 | 4700 | 104;
}
