import type { FastifyInstance } from 'fastify';
import { defineOperation, type RestDeps } from '../define-operation.ts';
import { operations } from '../operation-catalog.ts';
import { targetUser } from '../target-user.ts';
import { zoomErrors } from '../zoom-errors.ts';
import { userJson } from './user-json.ts';
import { userSettingsJson } from './user-settings-json.ts';

interface UserParams {
  userId: string;
}

/** `GET /users/{userId}` and `GET /users/{userId}/settings`. */
export function registerUserRoutes(app: FastifyInstance, deps: RestDeps): void {
  defineOperation(app, deps, operations.user, async (ctx, request) => {
    const { userId } = request.params as UserParams;
    const user = targetUser(ctx, userId, zoomErrors.userDoesNotExist);
    const account = ctx.store.accounts.get(user.accountId) ?? ctx.caller.account;
    return userJson(user, account, ctx.store.settings.publicUrl);
  });

  defineOperation(app, deps, operations.userSettings, async (ctx, request) => {
    const { userId } = request.params as UserParams;
    const user = targetUser(ctx, userId, zoomErrors.userDoesNotExist);
    const account = ctx.store.accounts.get(user.accountId) ?? ctx.caller.account;
    return userSettingsJson(user, account);
  });
}
