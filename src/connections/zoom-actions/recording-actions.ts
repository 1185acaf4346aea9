import type { Viewer } from '../../accounts/sessions.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import { getMeetingRecordings, listUserRecordings, type ZoomRecordingFile } from '../../providers/zoom/recordings-api.ts';
import type { RecordingStream } from '../../scheduling/video-provider.ts';
import { requireZoomAction, type ZoomActionContext } from './action-access.ts';
import { toRecordingView, type MeetingRecordingView, type RecordingFileUrl } from './action-views.ts';
import { inCallersTerms } from './zoom-refusals.ts';

const noRecording = (meeting: string) => `Zoom has no cloud recording of meeting ${meeting} that this connection’s Zoom user may see.`;

/** `GET /meetings/{id|uuid}/recordings`: a meeting id gives its latest recorded instance (recording:read; Light). */
export async function meetingRecordings(
  ctx: ZoomActionContext, viewer: Viewer, connectionId: string, meeting: string, fileUrl: RecordingFileUrl,
): Promise<MeetingRecordingView> {
  await requireZoomAction(ctx, viewer, connectionId, ['read_recordings']);
  const { api, budgeted } = ctx.calls;
  try {
    return toRecordingView(await budgeted(connectionId, 'Light', (token) => getMeetingRecordings(api, token, meeting)), fileUrl);
  } catch (error) {
    throw inCallersTerms(error, noRecording(meeting));
  }
}

/** One page of the connection's Zoom user's cloud recordings between two UTC dates (recording:read; Medium). */
export async function userRecordings(
  ctx: ZoomActionContext,
  viewer: Viewer,
  connectionId: string,
  range: { from: string; to: string; pageToken?: string | undefined },
  fileUrl: RecordingFileUrl,
): Promise<{ from: string; to: string; meetings: MeetingRecordingView[]; nextPageToken: string | null }> {
  await requireZoomAction(ctx, viewer, connectionId, ['list_user_recordings']);
  const { api, budgeted } = ctx.calls;
  try {
    const page = await budgeted(connectionId, 'Medium', (token) => listUserRecordings(api, token, range));
    return { from: range.from, to: range.to, meetings: page.meetings.map((m) => toRecordingView(m, fileUrl)), nextPageToken: page.nextPageToken || null };
  } catch (error) {
    throw inCallersTerms(error, 'Zoom found no such page of recordings; start again without pageToken.');
  }
}

/**
 * Opens one recording file at Zoom with the connection's token, which stays in Confer: the caller
 * streams the body on. The file is looked up in its meeting instance's recording each time, so only
 * a file Zoom lists for that meeting is fetched.
 */
export async function openMeetingRecordingFile(
  ctx: ZoomActionContext, viewer: Viewer, connectionId: string, meetingUuid: string, fileId: string, range: string | undefined,
): Promise<{ file: ZoomRecordingFile; startTime: string | undefined; upstream: RecordingStream }> {
  await requireZoomAction(ctx, viewer, connectionId, ['read_recordings']);
  const { api, budgeted, openRecording } = ctx.calls;
  let recording;
  try {
    recording = await budgeted(connectionId, 'Light', (token) => getMeetingRecordings(api, token, meetingUuid));
  } catch (error) {
    throw inCallersTerms(error, noRecording(meetingUuid));
  }
  const file = recording.files.find((f) => f.id === fileId);
  if (!file) throw new ConferError('NOT_FOUND', `The meeting’s recording has no file ${fileId}.`);
  return { file, startTime: recording.startTime, upstream: await openRecording(connectionId, file.downloadUrl, range) };
}
