import type { Account, App, User } from '../state/model.ts';

/** A JSON call to the emulator's control API (or any JSON endpoint), answering status and body. */
export async function callJson<T = unknown>(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

async function created<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const result = await callJson<T>(baseUrl, 'POST', path, body);
  if (result.status !== 201) throw new Error(`POST ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body;
}

export const createAccountVia = (baseUrl: string, body: { name: string; plan?: string; requirePreApproval?: boolean }) =>
  created<Account>(baseUrl, '/_emulator/accounts', body);

export const createUserVia = (baseUrl: string, body: Record<string, unknown>) => created<Omit<User, 'password'>>(baseUrl, '/_emulator/users', body);

export const createAppVia = (baseUrl: string, body: Record<string, unknown>) =>
  created<App & { webhookValidated?: boolean }>(baseUrl, '/_emulator/apps', body);

export interface TestWorld {
  account: Account;
  user: Omit<User, 'password'> & { password: string };
  app: App;
}

let counter = 0;

/** One account with one user and one app, made through the control API. */
export async function createWorld(
  baseUrl: string,
  options: { role?: string; requirePreApproval?: boolean; app?: Record<string, unknown> } = {},
): Promise<TestWorld> {
  counter += 1;
  const account = await createAccountVia(baseUrl, { name: `Test Co ${counter}`, plan: 'pro', requirePreApproval: options.requirePreApproval ?? false });
  const password = `pw-${counter}-secret`;
  const user = await createUserVia(baseUrl, {
    accountId: account.id,
    email: `user${counter}.${Date.now()}@example.test`,
    password,
    firstName: 'Test',
    lastName: `User${counter}`,
    role: options.role ?? 'owner',
    timezone: 'Europe/Paris',
  });
  const app = await createAppVia(baseUrl, {
    name: 'Test App',
    redirectUris: ['https://app.example.test/callback'],
    scopes: ['meeting:write', 'user_info:read', 'recording:read'],
    ...options.app,
  });
  return { account, user: { ...user, password }, app };
}
