import type { MeetingRecord, User } from '../../state/model.ts';
import type { OperationContext } from '../define-operation.ts';
import { hasAdminScope } from '../scope-check.ts';
import { zoomErrors } from '../zoom-errors.ts';

export interface HostedMeeting {
  meeting: MeetingRecord;
  host: User;
}

/**
 * Finds `{meetingId}` for the caller. A meeting of another account does not exist for it (3001);
 * another host's meeting in the same account needs an `:admin` scope, else it is 3001 too, or
 * 3003 "not the host" when `notHost` says so (updates, per reference.md). A meeting whose host was
 * removed from the account is 404 1001 "User does not exist", not 3001: the meeting is not gone.
 */
export function findMeeting(ctx: OperationContext, meetingId: string, notHost: 'not-found' | 'not-host' = 'not-found'): HostedMeeting {
  const meeting = /^\d+$/.test(meetingId) ? ctx.store.meetings.get(meetingId) : undefined;
  const removedHost = meeting && ctx.store.removedUsers.get(meeting.hostId);
  if (removedHost && removedHost.accountId === ctx.caller.account.id) throw zoomErrors.userDoesNotExist(removedHost.id);
  const host = meeting && ctx.store.users.get(meeting.hostId);
  if (!meeting || !host || host.accountId !== ctx.caller.account.id) throw zoomErrors.meetingNotFound(meetingId);
  if (host.id !== ctx.caller.user.id && !hasAdminScope(ctx.caller, ctx.op)) {
    throw notHost === 'not-host' ? zoomErrors.notHost() : zoomErrors.meetingNotFound(meetingId);
  }
  return { meeting, host };
}
