import { createAccount, createApp, createUser, derivedZoomId, webhookSubscription, type AccountInput, type UserInput } from './control/provision.ts';
import type { Account, App, Role } from './state/model.ts';
import type { EmulatorStore } from './state/store.ts';

/** Confer's own OAuth app, as the sandbox or a test registers it. */
export interface ConferAppSeed {
  redirectUri: string;
  webhookUrl?: string;
  /** Fixed credentials keep the app stable across restarts (the sandbox passes its own). */
  clientId?: string;
  clientSecret?: string;
  webhookSecretToken?: string;
}

export interface SeededUser {
  id: string;
  accountId: string;
  accountName: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  role: Role;
  timezone: string;
}

export interface SeededApp {
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  scopes: string[];
  webhook?: { url: string; secretToken: string; events: string[] };
}

/** Everything the demo seed created, credentials included. */
export interface SeedResult {
  accounts: Account[];
  users: SeededUser[];
  app?: SeededApp;
}

export const conferAppScopes = ['meeting:write', 'recording:read', 'user_info:read'];
export const conferWebhookEvents = ['meeting.created', 'meeting.updated', 'meeting.deleted', 'meeting.ended', 'recording.completed', 'recording.transcript_completed', 'app_deauthorized'];

interface DemoAccount extends AccountInput {
  users: Array<Omit<UserInput, 'accountId'>>;
}

// Ids derive from names so a re-seeded emulator without a persist file still knows the same people.
const demoAccounts: DemoAccount[] = [
  {
    id: derivedZoomId('account:Demo Company'),
    name: 'Demo Company',
    plan: 'pro',
    requirePreApproval: false,
    users: [
      { email: 'demo@confer.test', password: 'zoom-demo', firstName: 'Dana', lastName: 'Demo', role: 'owner', timezone: 'America/New_York' },
      { email: 'member@confer.test', password: 'zoom-member', firstName: 'Max', lastName: 'Member', role: 'member', timezone: 'Europe/Berlin' },
    ],
  },
  {
    id: derivedZoomId('account:Approval Required Inc.'),
    name: 'Approval Required Inc.',
    plan: 'business',
    requirePreApproval: true,
    users: [
      { email: 'admin@approval.test', password: 'zoom-admin', firstName: 'Ada', lastName: 'Admin', role: 'admin', timezone: 'America/Chicago' },
      { email: 'member@approval.test', password: 'zoom-member', firstName: 'Pat', lastName: 'Pending', role: 'member', timezone: 'Europe/London' },
    ],
  },
];

/**
 * The `demo` seed: "Demo Company" (Pro, no pre-approval) with its owner and a member, "Approval
 * Required Inc." (pre-approval on) with an admin and a member, and Confer's app when asked. Safe to
 * run on a persisted store: records that exist are kept and reported, not duplicated.
 */
export function seedDemo(store: EmulatorStore, conferApp?: ConferAppSeed): SeedResult {
  const result: SeedResult = { accounts: [], users: [] };
  for (const { users, ...accountInput } of demoAccounts) {
    const id = accountInput.id ?? derivedZoomId(`account:${accountInput.name}`);
    const account = store.accounts.get(id) ?? createAccount(store, accountInput);
    result.accounts.push(account);
    for (const input of users) {
      const user =
        store.findUserByEmail(input.email) ??
        createUser(store, { ...input, accountId: account.id, id: derivedZoomId(`user:${input.email}`), pmi: derivedPmi(input.email) });
      result.users.push({
        id: user.id,
        accountId: account.id,
        accountName: account.name,
        email: user.email,
        password: user.password,
        firstName: user.firstName,
        lastName: user.lastName,
        role: user.role,
        timezone: user.timezone,
      });
    }
  }
  if (conferApp) result.app = describeApp(seedConferApp(store, conferApp));
  return result;
}

/** A 10-digit personal meeting id derived from the email, stable across re-seeding. */
function derivedPmi(email: string): number {
  const digits = [...derivedZoomId(`pmi:${email}`)].map((c) => c.charCodeAt(0) % 10).join('');
  return Number(`9${digits.slice(0, 9)}`);
}

/** Registers Confer's app, or brings an existing one (same client id, or named "Confer") up to date. */
function seedConferApp(store: EmulatorStore, seed: ConferAppSeed): App {
  const existing = seed.clientId === undefined ? [...store.apps.values()].find((a) => a.name === 'Confer') : store.apps.get(seed.clientId);
  const webhook =
    seed.webhookUrl === undefined
      ? undefined
      : { url: seed.webhookUrl, events: conferWebhookEvents, ...(seed.webhookSecretToken === undefined ? {} : { secretToken: seed.webhookSecretToken }) };
  if (!existing) {
    return createApp(store, {
      name: 'Confer',
      redirectUris: [seed.redirectUri],
      scopes: conferAppScopes,
      ...(webhook === undefined ? {} : { webhook }),
      ...(seed.clientId === undefined ? {} : { clientId: seed.clientId }),
      ...(seed.clientSecret === undefined ? {} : { clientSecret: seed.clientSecret }),
    });
  }
  if (seed.clientSecret !== undefined) existing.clientSecret = seed.clientSecret;
  if (!existing.redirectUris.includes(seed.redirectUri)) existing.redirectUris.push(seed.redirectUri);
  if (webhook !== undefined) {
    const same = existing.webhook?.url === webhook.url && (webhook.secretToken === undefined || existing.webhook.secretToken === webhook.secretToken);
    if (!same) existing.webhook = webhookSubscription({ ...webhook, secretToken: webhook.secretToken ?? existing.webhook?.secretToken });
  }
  store.persist();
  return existing;
}

function describeApp(app: App): SeededApp {
  return {
    name: app.name,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUris: [...app.redirectUris],
    scopes: [...app.scopes],
    ...(app.webhook ? { webhook: { url: app.webhook.url, secretToken: app.webhook.secretToken, events: [...app.webhook.events] } } : {}),
  };
}
