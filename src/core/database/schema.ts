import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, check, customType, date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid,
} from 'drizzle-orm/pg-core';

// Mirrors migrations/*.sql (the SQL is the source of truth: constraints and indexes live there); a
// test checks every table and column here against the migrated database.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspace = pgTable(
  'workspace',
  {
    id: smallint('id').primaryKey().default(1),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (table) => [check('workspace_id_check', sql`${table.id} = 1`)],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['owner', 'admin', 'member'] }).notNull(),
  timeZone: text('time_zone').notNull().default('UTC'),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  failures: integer('failures').notNull().default(0),
}, (table) => [primaryKey({ columns: [table.key, table.windowStart] })]);

export const folders = pgTable('folders', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const folderMembers = pgTable('folder_members', {
  folderId: uuid('folder_id').notNull().references(() => folders.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['folder_admin', 'member'] }).notNull(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (table) => [primaryKey({ columns: [table.folderId, table.userId] })]);

export const credentialAssets = pgTable('credential_assets', {
  id: uuid('id').primaryKey().defaultRandom(),
  folderId: uuid('folder_id').notNull().references(() => folders.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  reference: text('reference').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const oauthClients = pgTable('oauth_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  folderId: uuid('folder_id').notNull().references(() => folders.id, { onDelete: 'cascade' }),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed'),
  clientSecretAssetId: uuid('client_secret_asset_id').references(() => credentialAssets.id, { onDelete: 'restrict' }),
  webhookSecretSealed: text('webhook_secret_sealed'),
  webhookSecretAssetId: uuid('webhook_secret_asset_id').references(() => credentialAssets.id, { onDelete: 'restrict' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const connectionStatuses = ['active', 'needs_reauthorization', 'revoked'] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

export const zoomTokenFamilies = pgTable('zoom_token_families', {
  id: uuid('id').primaryKey().defaultRandom(),
  clientId: text('client_id').notNull(),
  zoomUserId: text('zoom_user_id').notNull(),
  zoomAccountId: text('zoom_account_id').notNull(),
  oauthClientId: uuid('oauth_client_id').references(() => oauthClients.id, { onDelete: 'set null' }),
  accessTokenSealed: text('access_token_sealed').notNull(),
  refreshTokenSealed: text('refresh_token_sealed').notNull(),
  accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }).notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  scopes: text('scopes').array().notNull(),
  status: text('status', { enum: connectionStatuses }).notNull().default('active'),
  lastError: text('last_error'),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
});

export const authTypes = ['oauth_authorization_code', 'byo_oauth_app'] as const;
export type AuthType = (typeof authTypes)[number];

export const connections = pgTable('connections', {
  id: uuid('id').primaryKey().defaultRandom(),
  connector: text('connector').notNull(),
  name: text('name').notNull(),
  authType: text('auth_type', { enum: authTypes }).notNull(),
  ownerUserId: uuid('owner_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  folderId: uuid('folder_id').references(() => folders.id, { onDelete: 'cascade' }),
  shared: boolean('shared').notNull().default(false),
  oauthClientId: uuid('oauth_client_id').references(() => oauthClients.id, { onDelete: 'set null' }),
  clientId: text('client_id').notNull(),
  tokenFamilyId: uuid('token_family_id').references(() => zoomTokenFamilies.id, { onDelete: 'set null' }),
  zoomUserId: text('zoom_user_id'),
  zoomAccountId: text('zoom_account_id'),
  zoomEmail: text('zoom_email'),
  zoomName: text('zoom_name'),
  scopes: text('scopes').array().notNull().default(sql`'{}'`),
  status: text('status', { enum: connectionStatuses }).notNull().default('active'),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  lastError: text('last_error'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const oauthStates = pgTable('oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  sessionTokenHash: text('session_token_hash').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  folderId: uuid('folder_id').references(() => folders.id, { onDelete: 'cascade' }),
  authType: text('auth_type', { enum: authTypes }).notNull(),
  clientId: text('client_id').notNull(),
  oauthClientId: uuid('oauth_client_id').references(() => oauthClients.id, { onDelete: 'cascade' }),
  connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'cascade' }),
  connectionName: text('connection_name'),
  codeVerifierSealed: text('code_verifier_sealed').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const connectionEventKinds = ['created', 'authorized', 'reauthorized', 'refresh_failed', 'needs_reauthorization', 'revoked', 'deleted', 'tested', 'renamed', 'shared'] as const;
export type ConnectionEventKind = (typeof connectionEventKinds)[number];

export const connectionEvents = pgTable('connection_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'set null' }),
  folderId: uuid('folder_id').references(() => folders.id, { onDelete: 'cascade' }),
  ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
  actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
  kind: text('kind', { enum: connectionEventKinds }).notNull(),
  detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  createdAt: createdAt(),
});

export const zoomWebhookReceipts = pgTable('zoom_webhook_receipts', {
  fingerprint: text('fingerprint').primaryKey(),
  event: text('event').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export const emailStatuses = ['queued', 'sending', 'sent', 'failed'] as const;

export const emailOutbox = pgTable('email_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  dedupeKey: text('dedupe_key').notNull().unique(),
  kind: text('kind').notNull(),
  toAddress: text('to_address').notNull(),
  toName: text('to_name'),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body').notNull(),
  calendarMethod: text('calendar_method', { enum: ['REQUEST', 'CANCEL'] }),
  calendarContent: text('calendar_content'),
  status: text('status', { enum: emailStatuses }).notNull().default('queued'),
  transport: text('transport', { enum: ['smtp', 'mailbox'] }),
  attempts: integer('attempts').notNull().default(0),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastError: text('last_error'),
  messageId: text('message_id').notNull(),
  bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

/** A PostgreSQL tstzrange, written and read as its text form `[start,end)`. */
const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

export const bookingPages = pgTable('booking_pages', {
  id: uuid('id').primaryKey().defaultRandom(),
  hostUserId: uuid('host_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  durationMinutes: integer('duration_minutes').notNull(),
  connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'set null' }),
  timeZone: text('time_zone').notNull(),
  weeklyHours: jsonb('weekly_hours').notNull(),
  dateOverrides: jsonb('date_overrides').notNull().default(sql`'[]'::jsonb`),
  bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
  bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
  minimumNoticeMinutes: integer('minimum_notice_minutes').notNull().default(0),
  horizonDays: integer('horizon_days').notNull().default(60),
  dailyCap: integer('daily_cap'),
  zoomSettings: jsonb('zoom_settings').notNull(),
  published: boolean('published').notNull().default(true),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const bookingStatuses = ['confirmed', 'cancelled', 'held'] as const;
export const meetingStatuses = ['provisioning', 'ready', 'waiting_for_zoom', 'needs_reauthorization', 'failed', 'deleted_in_zoom', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const bookings = pgTable('bookings', {
  id: uuid('id').primaryKey().defaultRandom(),
  pageId: uuid('page_id').notNull().references(() => bookingPages.id, { onDelete: 'restrict' }),
  hostUserId: uuid('host_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'set null' }),
  status: text('status', { enum: bookingStatuses }).notNull().default('confirmed'),
  startAt: timestamp('start_at', { withTimezone: true }).notNull(),
  endAt: timestamp('end_at', { withTimezone: true }).notNull(),
  blocked: tstzrange('blocked').notNull(),
  customerName: text('customer_name').notNull(),
  customerEmail: text('customer_email').notNull(),
  customerTimeZone: text('customer_time_zone').notNull(),
  customerLocale: text('customer_locale').notNull().default('en-US'),
  notes: text('notes'),
  sequence: integer('sequence').notNull().default(0),
  meetingStatus: text('meeting_status', { enum: meetingStatuses }).notNull().default('provisioning'),
  meetingReason: text('meeting_reason'),
  zoomMeetingId: text('zoom_meeting_id'),
  zoomMeetingUuid: text('zoom_meeting_uuid'),
  zoomHostId: text('zoom_host_id'),
  joinUrl: text('join_url'),
  passcode: text('passcode'),
  startUrlSealed: text('start_url_sealed'),
  meetingCreateStartedAt: timestamp('meeting_create_started_at', { withTimezone: true }),
  meetingSyncedSequence: integer('meeting_synced_sequence').notNull().default(-1),
  zoomDeletedAt: timestamp('zoom_deleted_at', { withTimezone: true }),
  /** Meetings Zoom made for this booking beyond its own, deleted in Zoom (extra-meetings.ts). */
  extraMeetingsDeleted: integer('extra_meetings_deleted').notNull().default(0),
  provisionAttempts: integer('provision_attempts').notNull().default(0),
  waitingForZoomSince: timestamp('waiting_for_zoom_since', { withTimezone: true }),
  leaseToken: uuid('lease_token'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  customerNotifiedSequence: integer('customer_notified_sequence').notNull().default(-1),
  customerHasLink: boolean('customer_has_link').notNull().default(false),
  hostNotifiedSequence: integer('host_notified_sequence').notNull().default(-1),
  cancellationNotified: boolean('cancellation_notified').notNull().default(false),
  cancelledBy: text('cancelled_by', { enum: ['customer', 'host'] }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  heldAt: timestamp('held_at', { withTimezone: true }),
  /** False when the integration that booked tells the customer itself: Confer emails them nothing. */
  notifyCustomer: boolean('notify_customer').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An integration's Idempotency-Key and the booking it made (migration 0008). */
export const bookingIdempotencyKeys = pgTable('booking_idempotency_keys', {
  hostUserId: uuid('host_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  idempotencyKey: text('idempotency_key').notNull(),
  requestHash: text('request_hash').notNull(),
  bookingId: uuid('booking_id').notNull().references(() => bookings.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (table) => [primaryKey({ columns: [table.hostUserId, table.idempotencyKey] })]);

export const bookingLinks = pgTable('booking_links', {
  tokenHash: text('token_hash').primaryKey(),
  bookingId: uuid('booking_id').notNull().references(() => bookings.id, { onDelete: 'cascade' }),
  action: text('action', { enum: ['reschedule', 'cancel'] }).notNull(),
  sequence: integer('sequence').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const bookingRecordings = pgTable('booking_recordings', {
  id: text('id').primaryKey(),
  bookingId: uuid('booking_id').notNull().references(() => bookings.id, { onDelete: 'cascade' }),
  zoomMeetingUuid: text('zoom_meeting_uuid').notNull(),
  fileType: text('file_type').notNull(),
  fileExtension: text('file_extension').notNull(),
  fileSize: bigint('file_size', { mode: 'number' }).notNull().default(0),
  recordingStart: timestamp('recording_start', { withTimezone: true }),
  recordingEnd: timestamp('recording_end', { withTimezone: true }),
  downloadUrl: text('download_url').notNull(),
  status: text('status').notNull().default('completed'),
  createdAt: createdAt(),
});

export const zoomMeetingsSeen = pgTable('zoom_meetings_seen', {
  meetingId: text('meeting_id').primaryKey(),
  meetingUuid: text('meeting_uuid').notNull(),
  zoomUserId: text('zoom_user_id').notNull(),
  topic: text('topic').notNull(),
  startTime: timestamp('start_time', { withTimezone: true }),
  joinUrl: text('join_url'),
  passcode: text('passcode'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  /** Deleted in Zoom as a booking's extra meeting (extra-meetings.ts). */
  extraDeletedAt: timestamp('extra_deleted_at', { withTimezone: true }),
});

export const zoomDailyUsage = pgTable('zoom_daily_usage', {
  zoomUserId: text('zoom_user_id').notNull(),
  day: date('day').notNull(),
  createUpdateCalls: integer('create_update_calls').notNull().default(0),
  warned: boolean('warned').notNull().default(false),
}, (table) => [primaryKey({ columns: [table.zoomUserId, table.day] })]);

export const zoomRateWindows = pgTable('zoom_rate_windows', {
  zoomAccountId: text('zoom_account_id').notNull(),
  category: text('category').notNull(),
  second: timestamp('second', { withTimezone: true }).notNull(),
  calls: integer('calls').notNull(),
}, (table) => [primaryKey({ columns: [table.zoomAccountId, table.category, table.second] })]);

export const zoomAccountDailyCalls = pgTable('zoom_account_daily_calls', {
  zoomAccountId: text('zoom_account_id').notNull(),
  day: date('day').notNull(),
  category: text('category').notNull(),
  calls: integer('calls').notNull(),
}, (table) => [primaryKey({ columns: [table.zoomAccountId, table.day, table.category] })]);

export const zoomScopeAnswers = pgTable('zoom_scope_answers', {
  tokenFamilyId: uuid('token_family_id').notNull().references(() => zoomTokenFamilies.id, { onDelete: 'cascade' }),
  scope: text('scope').notNull(),
  grantedScopes: text('granted_scopes').array().notNull(),
  answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
}, (table) => [primaryKey({ columns: [table.tokenFamilyId, table.scope] })]);

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdBy: uuid('created_by').notNull().references(() => users.id, { onDelete: 'cascade' }),
  folderId: uuid('folder_id').references(() => folders.id, { onDelete: 'cascade' }),
  folderIds: uuid('folder_ids').array().notNull().default(sql`'{}'`),
  personal: boolean('personal').notNull().default(false),
  access: text('access', { enum: ['read', 'write'] }).notNull(),
  prefix: text('prefix').notNull(),
  secretHash: text('secret_hash').notNull().unique(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid('id').primaryKey(),
  ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
  folderId: uuid('folder_id').references(() => folders.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  secretSealed: text('secret_sealed').notNull(),
  description: text('description').notNull().default(''),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }),
});

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  subscriptionId: uuid('subscription_id').notNull().references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
  eventId: uuid('event_id').notNull(),
  eventType: text('event_type').notNull(),
  eventCreatedAt: timestamp('event_created_at', { withTimezone: true }).notNull(),
  dedupeKey: text('dedupe_key').notNull(),
  payload: jsonb('payload').notNull(),
  status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  lastResponseStatus: integer('last_response_status'),
  lastError: text('last_error'),
  lastDurationMs: integer('last_duration_ms'),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const zoomIdempotencyStates = ['in_progress', 'outcome_unknown', 'done'] as const;

export const zoomIdempotencyKeys = pgTable('zoom_idempotency_keys', {
  connectionId: uuid('connection_id').notNull().references(() => connections.id, { onDelete: 'cascade' }),
  idempotencyKey: text('idempotency_key').notNull(),
  requestHash: text('request_hash').notNull(),
  marker: text('marker').notNull(),
  state: text('state', { enum: zoomIdempotencyStates }).notNull(),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  zoomMeetingId: text('zoom_meeting_id'),
  response: jsonb('response'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (table) => [primaryKey({ columns: [table.connectionId, table.idempotencyKey] })]);
