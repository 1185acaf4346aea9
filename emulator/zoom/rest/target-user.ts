import type { User } from '../state/model.ts';
import type { OperationContext } from './define-operation.ts';
import { requireAdminScope } from './scope-check.ts';
import { zoomErrors } from './zoom-errors.ts';

/**
 * Resolves a `{userId}` path segment (`me`, a user id or an email) for the caller. Another user
 * must be in the caller's account and needs one of the operation's `:admin` scopes; a user of
 * another account does not exist, as far as the caller can tell.
 */
export function targetUser(ctx: OperationContext, userId: string, notFound = zoomErrors.userNotFound): User {
  const self = ctx.caller.user;
  if (userId === 'me' || userId === self.id || userId.toLowerCase() === self.email.toLowerCase()) return self;
  const user = ctx.store.users.get(userId) ?? ctx.store.findUserByEmail(userId);
  if (!user || user.accountId !== self.accountId) throw notFound(userId);
  requireAdminScope(ctx.caller, ctx.op, ctx.store.settings);
  return user;
}
