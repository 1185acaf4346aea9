import type { FastifyInstance } from 'fastify';
import type { EmulatorStore } from '../state/store.ts';
import { parseBody } from './parse-body.ts';
import { createAccount, createUser, publicUser, removeUser } from './provision.ts';
import { accountBody, userBody } from './schemas.ts';
import { stringParams } from '../oauth/request-params.ts';

/** `/_emulator/reset`, `/_emulator/accounts`, `/_emulator/users` (create, list, remove). */
export function registerWorldRoutes(app: FastifyInstance, store: EmulatorStore): void {
  app.post('/reset', async () => {
    store.reset();
    return { status: 'reset' };
  });

  app.post('/accounts', async (req, reply) => {
    const account = createAccount(store, parseBody(accountBody, req.body));
    return reply.code(201).send(account);
  });

  app.get('/accounts', async () => ({ accounts: [...store.accounts.values()] }));

  app.post('/users', async (req, reply) => {
    const input = parseBody(userBody, req.body);
    const user = createUser(store, input);
    return reply.code(201).send(publicUser(user));
  });

  // An admin removes the user from the account (by id or email).
  app.delete<{ Params: { userId: string } }>('/users/:userId', async (req) => publicUser(removeUser(store, req.params.userId)));

  app.get('/users', async (req) => {
    const { accountId } = stringParams(req.query);
    const users = [...store.users.values()].filter((u) => accountId === undefined || u.accountId === accountId);
    return { users: users.map(publicUser) };
  });
}
