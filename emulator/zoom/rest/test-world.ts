import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { installFaults, registerRestHalf } from '../rest-half.ts';
import type { Account, App, EmulatorSettings, Grant, Plan, User, UserMeetingSettings } from '../state/model.ts';
import { defaultSettings, EmulatorStore, ids } from '../state/store.ts';
import { assertSpecValid, zoomSpec } from '../test-support/spec-validator.ts';

/**
 * A listening REST half with an account, a user and an app, and bearer tokens issued straight into
 * the store, so REST tests need no OAuth dance. `call()` checks every `/v2` exchange against
 * Zoom's OpenAPI document.
 */

export interface WorldOptions {
  /** A file the store persists its durable records to, as the sandbox's does. */
  persistFile?: string;
  plan?: Plan;
  settings?: Partial<EmulatorSettings>;
  userSettings?: Partial<UserMeetingSettings>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Raw body (sent as is, with `content-type: application/json`). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Skip checking the request body against the document (for deliberately invalid bodies). */
  invalidRequest?: boolean;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  json: any;
}

export interface TokenOptions {
  user?: User;
  clientId?: string;
  expiresInSeconds?: number;
}

export interface RestWorld {
  url: string;
  store: EmulatorStore;
  app: FastifyInstance;
  account: Account;
  user: User;
  oauthApp: App;
  /** Issues an access token (a new grant) for the user and app with exactly these scopes. */
  token(scopes: string[], options?: TokenOptions): string;
  grantOf(token: string): Grant;
  addAccount(plan?: Plan): Account;
  addUser(account: Account, settings?: Partial<UserMeetingSettings>, role?: User['role']): User;
  addApp(webhook?: App['webhook']): App;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export const zoomDefaultUserSettings: UserMeetingSettings = {
  waitingRoom: true,
  requirePasscode: true,
  joinBeforeHost: false,
  autoRecording: 'none',
  muteUponEntry: false,
  hostVideo: false,
  participantVideo: false,
};

export async function startRestWorld(options: WorldOptions = {}): Promise<RestWorld> {
  const store = new EmulatorStore({ ...defaultSettings('http://127.0.0.1'), ...options.settings }, options.persistFile);
  const app = Fastify({ logger: false });
  installFaults(app, store);
  registerRestHalf(app, store);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test world is not listening on TCP');
  const url = `http://127.0.0.1:${address.port}`;
  store.settings.publicUrl = url;

  let userCount = 0;
  const addAccount = (plan: Plan = options.plan ?? 'pro'): Account => {
    const account: Account = { id: ids.zoomId(), name: `Account ${store.accounts.size + 1}`, plan, requirePreApproval: false };
    store.accounts.set(account.id, account);
    return account;
  };
  const addUser = (account: Account, settings: Partial<UserMeetingSettings> = {}, role: User['role'] = 'owner'): User => {
    userCount++;
    const user: User = {
      id: ids.zoomId(), accountId: account.id, email: `host${userCount}.${account.id.slice(0, 6).toLowerCase().replace(/[^a-z0-9]/g, 'x')}@example.com`,
      password: 'secret', firstName: 'Host', lastName: `Number${userCount}`, role, timezone: 'Europe/Berlin',
      pmi: ids.pmi(), settings: { ...zoomDefaultUserSettings, ...options.userSettings, ...settings },
    };
    store.users.set(user.id, user);
    return user;
  };
  const addApp = (webhook?: App['webhook']): App => {
    const created: App = {
      clientId: ids.secret(16), clientSecret: ids.secret(24), name: 'Test app', redirectUris: ['http://127.0.0.1/callback'],
      scopes: [], tokenTolerance: 1, disabled: false, ...(webhook ? { webhook } : {}),
    };
    store.apps.set(created.clientId, created);
    return created;
  };
  const account = addAccount();
  const user = addUser(account);
  const oauthApp = addApp();

  const token = (scopes: string[], tokenOptions: TokenOptions = {}): string => {
    const grant: Grant = {
      id: ids.requestId(), clientId: tokenOptions.clientId ?? oauthApp.clientId, userId: (tokenOptions.user ?? user).id,
      scopes, generation: 1, createdAt: store.now(),
    };
    store.grants.set(grant.id, grant);
    const value = randomBytes(24).toString('base64url');
    store.accessTokens.set(value, { token: value, grantId: grant.id, expiresAt: store.now() + (tokenOptions.expiresInSeconds ?? 3600) * 1000 });
    return value;
  };

  const grantOf = (value: string): Grant => {
    const grant = store.grants.get(store.accessTokens.get(value)?.grantId ?? '');
    if (!grant) throw new Error('no grant for that token');
    return grant;
  };

  const call = async (method: string, path: string, callOptions: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...callOptions.headers };
    if (callOptions.token) headers['authorization'] = `Bearer ${callOptions.token}`;
    let body: string | undefined;
    if (callOptions.rawBody !== undefined) body = callOptions.rawBody;
    else if (callOptions.body !== undefined) body = JSON.stringify(callOptions.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const isRest = path.startsWith('/v2/');
    if (isRest && callOptions.body !== undefined && !callOptions.invalidRequest) {
      assertSpecValid(zoomSpec().validateRequest(method, path, callOptions.body), `request ${method} ${path}`);
    }
    const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let json: unknown;
    if (text && (response.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
    if (isRest) {
      assertSpecValid(zoomSpec().validateResponse(method, path, response.status, json ?? text), `response ${response.status} to ${method} ${path}`);
    }
    return { status: response.status, headers: response.headers, text, json };
  };

  return { url, store, app, account, user, oauthApp, token, grantOf, addAccount, addUser, addApp, call, close: () => app.close() };
}
