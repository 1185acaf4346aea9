import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { EmulatorClock } from './clock.ts';
import type {
  AccessToken, Account, App, Approval, ApprovalRequest, AuthorizationCode, EmulatorSettings, Fault,
  Grant, MeetingRecord, Recording, RefreshToken, Stats, User, WebhookDelivery,
} from './model.ts';

export const defaultSettings = (publicUrl: string): EmulatorSettings => ({
  declineBehavior: 'redirect',
  refreshTokenTtlSeconds: 90 * 24 * 3600,
  accessTokenTtlSeconds: 3599,
  strictRedirect: true,
  rateLimits: true,
  publicUrl,
  webhookTimestampClock: 'wall',
  webhookTimeoutMs: 3000,
  webhookRetries: 'non_2xx',
  classicWriteImpliesRead: true,
  missingScopeCode: 4711,
});

const emptyStats = (): Stats => ({
  authorizations: 0,
  tokenRefreshes: 0,
  rejectedRefreshes: 0,
  apiCalls: {},
  rateLimited: 0,
  webhookDeliveries: 0,
  webhookFailures: 0,
  downloadsDropped: 0,
});

/** The records that survive a restart when the emulator persists to a file. */
interface Snapshot {
  clockOffsetMs: number;
  accounts: Account[];
  users: User[];
  apps: App[];
  approvals: Approval[];
  approvalRequests: ApprovalRequest[];
  grants: Grant[];
  accessTokens: AccessToken[];
  refreshTokens: RefreshToken[];
  meetings: MeetingRecord[];
  recordings: Recording[];
  /** Absent in files written before users could be removed. */
  removedUsers?: User[];
}

/**
 * All emulator state. Collections are plain Maps so both halves of the emulator can query them
 * directly; operations that span records live in the feature folders, not here.
 */
export class EmulatorStore {
  readonly clock = new EmulatorClock();
  settings: EmulatorSettings;
  accounts = new Map<string, Account>();
  users = new Map<string, User>();
  /**
   * Users removed from their account, kept only so that what still points at them (a meeting they
   * hosted, an access token issued to them) answers Zoom's 1001 "User does not exist".
   */
  removedUsers = new Map<string, User>();
  apps = new Map<string, App>();
  approvals: Approval[] = [];
  approvalRequests: ApprovalRequest[] = [];
  codes = new Map<string, AuthorizationCode>();
  grants = new Map<string, Grant>();
  accessTokens = new Map<string, AccessToken>();
  refreshTokens = new Map<string, RefreshToken>();
  meetings = new Map<string, MeetingRecord>();
  /** Keyed by meeting UUID. */
  recordings = new Map<string, Recording>();
  faults: Fault[] = [];
  deliveries: WebhookDelivery[] = [];
  stats: Stats = emptyStats();
  readonly #persistFile: string | undefined;

  constructor(settings: EmulatorSettings, persistFile?: string) {
    this.settings = settings;
    this.#persistFile = persistFile;
    if (persistFile && existsSync(persistFile)) this.#load(persistFile);
  }

  now(): number {
    return this.clock.now();
  }

  readonly #clockListeners: Array<() => void | Promise<void>> = [];

  /** Lets time-driven work (webhook retries, token expiry sweeps) run when a test moves the clock. */
  onClockAdvanced(listener: () => void | Promise<void>): void {
    this.#clockListeners.push(listener);
  }

  /** Advances the emulator clock and waits for every listener to catch up. */
  async advanceClock(seconds: number): Promise<void> {
    this.clock.advance(seconds);
    for (const listener of this.#clockListeners) await listener();
    this.persist();
  }

  readonly #resetListeners: Array<() => void> = [];

  /** Lets features that keep their own in-memory state (rate-limit windows, retry queues) forget it too. */
  onReset(listener: () => void): void {
    this.#resetListeners.push(listener);
  }

  /** Forget everything (the control API's reset); settings other than the URL go back to defaults. */
  reset(): void {
    const publicUrl = this.settings.publicUrl;
    this.settings = defaultSettings(publicUrl);
    this.clock.offsetMs = 0;
    this.accounts.clear();
    this.users.clear();
    this.removedUsers.clear();
    this.apps.clear();
    this.approvals = [];
    this.approvalRequests = [];
    this.codes.clear();
    this.grants.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.meetings.clear();
    this.recordings.clear();
    this.faults = [];
    this.deliveries = [];
    this.stats = emptyStats();
    for (const listener of this.#resetListeners) listener();
    this.persist();
  }

  /** The user with this email, compared case-insensitively as Zoom's sign-in does. */
  findUserByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  countApiCall(operation: string): void {
    this.stats.apiCalls[operation] = (this.stats.apiCalls[operation] ?? 0) + 1;
  }

  /** Writes the durable records to the persist file, if any (atomically, via rename). */
  persist(): void {
    if (!this.#persistFile) return;
    const snapshot: Snapshot = {
      clockOffsetMs: this.clock.offsetMs,
      accounts: [...this.accounts.values()],
      users: [...this.users.values()],
      removedUsers: [...this.removedUsers.values()],
      apps: [...this.apps.values()],
      approvals: this.approvals,
      approvalRequests: this.approvalRequests,
      grants: [...this.grants.values()],
      accessTokens: [...this.accessTokens.values()],
      refreshTokens: [...this.refreshTokens.values()],
      meetings: [...this.meetings.values()],
      recordings: [...this.recordings.values()],
    };
    const tmp = `${this.#persistFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot));
    renameSync(tmp, this.#persistFile);
  }

  #load(file: string): void {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    this.clock.offsetMs = s.clockOffsetMs;
    for (const a of s.accounts) this.accounts.set(a.id, a);
    for (const u of s.users) this.users.set(u.id, u);
    for (const u of s.removedUsers ?? []) this.removedUsers.set(u.id, u);
    for (const a of s.apps) this.apps.set(a.clientId, a);
    this.approvals = s.approvals;
    this.approvalRequests = s.approvalRequests;
    for (const g of s.grants) this.grants.set(g.id, g);
    for (const t of s.accessTokens) this.accessTokens.set(t.token, t);
    for (const t of s.refreshTokens) this.refreshTokens.set(t.token, t);
    for (const m of s.meetings) this.meetings.set(m.id, m);
    for (const r of s.recordings) this.recordings.set(r.meetingUuid, r);
  }
}

/** Zoom-looking identifiers. */
export const ids = {
  /** 22-character URL-safe id, like Zoom's user and account ids. */
  zoomId: (): string => randomBytes(16).toString('base64url').slice(0, 22),
  uuid: (): string => randomBytes(16).toString('base64'),
  /** An 11-digit meeting id: past 2^31, so a client that parses it as int32 breaks visibly. */
  meetingId: (): string => String(randomInt(80_000_000_000, 99_999_999_999)),
  pmi: (): number => randomInt(1_000_000_000, 9_999_999_999),
  secret: (bytes = 24): string => randomBytes(bytes).toString('base64url'),
  requestId: (): string => randomUUID(),
};
