import type { Approval, ApprovalRequest, User } from '../state/model.ts';
import { ids, type EmulatorStore } from '../state/store.ts';

/** Whether the user's account lets them authorize the app now (no pre-approval needed, or given). */
export function mayAuthorize(store: EmulatorStore, clientId: string, user: User): boolean {
  const account = store.accounts.get(user.accountId);
  if (!account?.requirePreApproval) return true;
  return isPreApproved(store, clientId, user);
}

/** Whether an admin's approval of the app covers this user. */
export function isPreApproved(store: EmulatorStore, clientId: string, user: User): boolean {
  return store.approvals.some(
    (a) => a.clientId === clientId && a.accountId === user.accountId && (a.userIds === undefined || a.userIds.includes(user.id)),
  );
}

export const canPreApprove = (user: User): boolean => user.role === 'owner' || user.role === 'admin';

/**
 * Records a member's request for pre-approval, once per (app, user) while it is pending: pressing
 * the button twice does not notify the admins twice.
 */
export function requestPreApproval(store: EmulatorStore, clientId: string, user: User): ApprovalRequest {
  const pending = store.approvalRequests.find((r) => r.clientId === clientId && r.userId === user.id && !isPreApproved(store, clientId, user));
  if (pending) return pending;
  const request: ApprovalRequest = { id: ids.zoomId(), clientId, accountId: user.accountId, userId: user.id, requestedAt: store.now() };
  store.approvalRequests.push(request);
  store.persist();
  return request;
}

/**
 * Approves the app for an account: every user, or only `userIds`. The new approval replaces the
 * account's earlier one for this app, so the control API can also narrow an approval.
 */
export function approveApp(store: EmulatorStore, approval: Approval): Approval {
  store.approvals = store.approvals.filter((a) => !(a.clientId === approval.clientId && a.accountId === approval.accountId));
  const recorded: Approval = { clientId: approval.clientId, accountId: approval.accountId };
  if (approval.userIds !== undefined) recorded.userIds = [...approval.userIds];
  store.approvals.push(recorded);
  store.persist();
  return recorded;
}

/**
 * Withdraws the app's approval for an account. Existing grants of the account's users stop working
 * (`approval_withdrawn`: REST answers 4738 "The token is disabled by admin.").
 */
export function withdrawApproval(store: EmulatorStore, clientId: string, accountId: string): { approvalsRemoved: number; grantsDisabled: number } {
  const before = store.approvals.length;
  store.approvals = store.approvals.filter((a) => !(a.clientId === clientId && a.accountId === accountId));
  let grantsDisabled = 0;
  for (const grant of store.grants.values()) {
    if (grant.clientId !== clientId || grant.revoked) continue;
    if (store.users.get(grant.userId)?.accountId !== accountId) continue;
    grant.revoked = 'approval_withdrawn';
    grantsDisabled += 1;
  }
  store.persist();
  return { approvalsRemoved: before - store.approvals.length, grantsDisabled };
}
