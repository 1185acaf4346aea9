import type { Viewer } from '../../accounts/sessions.ts';
import { deleteMeeting, getMeeting, updateMeeting, type MeetingChange } from '../../providers/zoom/meetings-api.ts';
import { getCurrentUser } from '../../providers/zoom/users-api.ts';
import { MeetingMayExist } from '../../scheduling/video-provider.ts';
import { coverageUntested } from '../zoom-scope-answers.ts';
import { learningScopes, requireZoomAction, type ZoomActionContext } from './action-access.ts';
import { toMeetingView, toZoomUserView, type MeetingView, type ZoomUserView } from './action-views.ts';
import { inCallersTerms } from './zoom-refusals.ts';

const meetingNotFound = (meetingId: string) =>
  `Zoom has no meeting ${meetingId} that this connection’s Zoom user may see: it never existed, was deleted, or belongs to someone else.`;

/** `GET /meetings/{id}` through the connection (meeting:read, or classic meeting:write where Zoom lets it read; Light). */
export async function readMeeting(ctx: ZoomActionContext, viewer: Viewer, connectionId: string, meetingId: string): Promise<MeetingView> {
  await requireZoomAction(ctx, viewer, connectionId, ['read_meetings']);
  const { api, budgeted } = ctx.calls;
  try {
    return toMeetingView(await learningScopes(ctx, viewer, connectionId, ['read_meetings'], () => budgeted(connectionId, 'Light', (token) => getMeeting(api, token, meetingId))));
  } catch (error) {
    throw inCallersTerms(error, meetingNotFound(meetingId));
  }
}

/**
 * Changes a meeting, then reads it back (Zoom answers an update with no body). A connection that
 * could not show the result does not change the meeting either: reading is checked first, up front,
 * or, where only Zoom can tell (classic meeting:write without meeting:read), by reading the meeting
 * before changing it. Counts toward the host's 100 create/update calls a day.
 */
export async function changeMeeting(ctx: ZoomActionContext, viewer: Viewer, connectionId: string, meetingId: string, change: MeetingChange): Promise<MeetingView> {
  const connection = await requireZoomAction(ctx, viewer, connectionId, ['update_meetings', 'read_meetings']);
  if (coverageUntested(connection.scopes, 'read_meetings')) await readMeeting(ctx, viewer, connectionId, meetingId);
  const { api, budgeted, countedCall } = ctx.calls;
  try {
    await countedCall(connectionId, (sent) => budgeted(connectionId, 'Light', (token) => {
      sent();
      return updateMeeting(api, token, meetingId, change);
    }));
  } catch (error) {
    // The same update again is harmless, so an unknown outcome is simply a failure to retry.
    throw inCallersTerms(error instanceof MeetingMayExist ? error.cause : error, meetingNotFound(meetingId));
  }
  return readMeeting(ctx, viewer, connectionId, meetingId);
}

/** `DELETE /meetings/{id}`, without Zoom's cancellation emails to invitees (Light; not counted). */
export async function removeMeeting(ctx: ZoomActionContext, viewer: Viewer, connectionId: string, meetingId: string): Promise<void> {
  await requireZoomAction(ctx, viewer, connectionId, ['delete_meetings']);
  const { api, budgeted } = ctx.calls;
  try {
    await budgeted(connectionId, 'Light', (token) => deleteMeeting(api, token, meetingId));
  } catch (error) {
    throw inCallersTerms(error, meetingNotFound(meetingId));
  }
}

/** `GET /users/me`: who the connection acts for in Zoom (user_info:read or user:read; Light). */
export async function readZoomUser(ctx: ZoomActionContext, viewer: Viewer, connectionId: string): Promise<ZoomUserView> {
  await requireZoomAction(ctx, viewer, connectionId, ['read_profile']);
  const { api, budgeted } = ctx.calls;
  return toZoomUserView(await budgeted(connectionId, 'Light', (token) => getCurrentUser(api, token)));
}
