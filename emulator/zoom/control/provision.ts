import { createHash, randomBytes } from 'node:crypto';
import type { Account, App, Plan, Role, User, UserMeetingSettings, WebhookSubscription } from '../state/model.ts';
import { ids, type EmulatorStore } from '../state/store.ts';
import { ControlError } from './control-error.ts';

/**
 * Creating the records of the emulator's world (accounts, users, apps), shared by the control API
 * and the seed. Each function checks references and uniqueness, then persists.
 */

export interface AccountInput {
  id?: string;
  name: string;
  plan: Plan;
  requirePreApproval: boolean;
}

export interface UserInput {
  id?: string;
  accountId: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  role: Role;
  timezone: string;
  pmi?: number;
  settings?: Partial<UserMeetingSettings>;
}

export interface AppInput {
  name: string;
  redirectUris: string[];
  scopes: string[];
  webhook?: { url: string; secretToken?: string; events: string[] };
  tokenTolerance?: number;
  clientId?: string;
  clientSecret?: string;
}

/** Zoom's defaults for a new user's meeting settings (waiting room and passcode on since 2020). */
export const defaultMeetingSettings = (): UserMeetingSettings => ({
  waitingRoom: true,
  requirePasscode: true,
  joinBeforeHost: false,
  autoRecording: 'none',
  muteUponEntry: false,
  hostVideo: false,
  participantVideo: false,
});

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Zoom client ids and secrets are alphanumeric (ids 22, secrets 32 characters). */
export function alphanumericSecret(length: number): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphanumeric[b % alphanumeric.length]).join('');
}

/** A stable Zoom-like id derived from a name, so a re-seeded world keeps its ids across restarts. */
export function derivedZoomId(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, 22);
}

export function createAccount(store: EmulatorStore, input: AccountInput): Account {
  const id = input.id ?? ids.zoomId();
  if (store.accounts.has(id)) throw new ControlError('ACCOUNT_ID_TAKEN', `An account with id ${id} already exists.`);
  const account: Account = { id, name: input.name, plan: input.plan, requirePreApproval: input.requirePreApproval };
  store.accounts.set(id, account);
  store.persist();
  return account;
}

export function createUser(store: EmulatorStore, input: UserInput): User {
  if (!store.accounts.has(input.accountId)) throw new ControlError('ACCOUNT_NOT_FOUND', `No account with id ${input.accountId}.`);
  if (store.findUserByEmail(input.email)) throw new ControlError('EMAIL_TAKEN', `A user with email ${input.email} already exists.`);
  const id = input.id ?? ids.zoomId();
  if (store.users.has(id)) throw new ControlError('USER_ID_TAKEN', `A user with id ${id} already exists.`);
  const user: User = {
    id,
    accountId: input.accountId,
    email: input.email,
    password: input.password,
    firstName: input.firstName,
    lastName: input.lastName,
    role: input.role,
    timezone: input.timezone,
    pmi: input.pmi ?? ids.pmi(),
    settings: { ...defaultMeetingSettings(), ...input.settings },
  };
  store.users.set(id, user);
  store.persist();
  return user;
}

/**
 * Removes a user from their account: they can no longer sign in or refresh a token (4735), and
 * what still names them (their meetings, an unexpired access token) answers 1001 in the REST half.
 */
export function removeUser(store: EmulatorStore, idOrEmail: string): User {
  const user = store.users.get(idOrEmail) ?? store.findUserByEmail(idOrEmail);
  if (!user) throw new ControlError('USER_NOT_FOUND', `No user ${idOrEmail}.`);
  store.users.delete(user.id);
  store.removedUsers.set(user.id, user);
  store.persist();
  return user;
}

/** A user as the control API shows it: everything but the password. */
export function publicUser(user: User): Omit<User, 'password'> {
  const { password: _password, ...rest } = user;
  return rest;
}

export function createApp(store: EmulatorStore, input: AppInput): App {
  const clientId = input.clientId ?? alphanumericSecret(22);
  if (store.apps.has(clientId)) throw new ControlError('CLIENT_ID_TAKEN', `An app with client id ${clientId} already exists.`);
  const app: App = {
    clientId,
    clientSecret: input.clientSecret ?? alphanumericSecret(32),
    name: input.name,
    redirectUris: [...input.redirectUris],
    scopes: [...input.scopes],
    tokenTolerance: input.tokenTolerance ?? 1,
    disabled: false,
  };
  if (input.webhook) app.webhook = webhookSubscription(input.webhook);
  store.apps.set(clientId, app);
  store.persist();
  return app;
}

/** A fresh (not yet validated) subscription; the secret token is generated when not given. */
export function webhookSubscription(input: { url: string; secretToken?: string; events: string[] }): WebhookSubscription {
  return { url: input.url, secretToken: input.secretToken ?? alphanumericSecret(22), events: [...input.events], validated: false };
}

export function requireApp(store: EmulatorStore, clientId: string): App {
  const app = store.apps.get(clientId);
  if (!app) throw new ControlError('APP_NOT_FOUND', `No app with client id ${clientId}.`);
  return app;
}
