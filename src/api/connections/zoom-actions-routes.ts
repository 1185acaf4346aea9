import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ConnectionsRuntime } from '../../connections/connections-runtime.ts';
import { zoomActionContext } from '../../connections/zoom-actions/action-access.ts';
import type { RecordingFileUrl } from '../../connections/zoom-actions/action-views.ts';
import { createMeetingThrough } from '../../connections/zoom-actions/create-meeting-action.ts';
import { changeMeeting, readMeeting, readZoomUser, removeMeeting } from '../../connections/zoom-actions/meeting-actions.ts';
import { meetingRecordings, openMeetingRecordingFile, userRecordings } from '../../connections/zoom-actions/recording-actions.ts';
import { sendRecordingFile } from '../recording-stream.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireViewer } from '../session-auth.ts';
import {
  connectionParams, createMeetingBody, idempotencyHeaders, meetingParams, meetingRecordingsParams, meetingRecordingView, meetingView,
  recordingFileParams, recordingsQuery, updateMeetingBody, userRecordingsView, zoomUserView,
} from './zoom-action-schemas.ts';

const tags = ['zoom-actions'];
const access = 'The API key (or session) must reach the connection and may use it; the connection’s granted Zoom scopes must cover the action, '
  + 'checked before Zoom is called (ZOOM_SCOPE_MISSING names the missing scope in `detail` and in `missingScopes`). Where only Zoom can tell '
  + '(classic meeting:write reading meetings), Confer asks Zoom and remembers a refusal for a day or until re-authorization with other scopes. '
  + 'Calls stay inside the Zoom account’s per-second rate limits.';


/** `/api/v1/connections/{id}/zoom/…`: Zoom's meetings, recordings and user, acted on through a connection. */
export function zoomActionsRoutes(runtime: ConnectionsRuntime) {
  const ctx = zoomActionContext(runtime);
  const base = runtime.services.config.publicUrl.replace(/\/+$/, '');
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const fileUrlOf = (connectionId: string): RecordingFileUrl => (meetingUuid, fileId, disposition) =>
      `${base}/api/v1/connections/${connectionId}/zoom/meetings/${encodeURIComponent(meetingUuid)}/recordings/${encodeURIComponent(fileId)}/${disposition}`;

    app.post('/api/v1/connections/:id/zoom/meetings', {
      schema: {
        summary: 'Create a Zoom meeting through the connection',
        description: `${access} Needs meeting:write (or meeting:write:meeting); counts toward the host’s 100 Zoom meeting create/update calls a day. `
          + 'Send an `Idempotency-Key` header to make the create safe to retry: for 24 hours, the same key with the same body on this connection answers '
          + 'with the same meeting (header `Idempotent-Replayed: true`) without creating another; the same key with a different body is 422 '
          + 'IDEMPOTENCY_KEY_REUSED; while the first request is still running, 409 IDEMPOTENCY_KEY_IN_FLIGHT with Retry-After. '
          + 'With a key, Confer adds a `Confer request …` line to the agenda: when Zoom’s answer is lost (502 ZOOM_UNREACHABLE), a retry with the same key '
          + 'looks for that line in the host’s meetings before creating anything, which needs meeting:read (or meeting:write where Zoom lets it read); without it the retry answers 409 '
          + 'IDEMPOTENCY_OUTCOME_UNKNOWN rather than risk a second meeting. A Zoom refusal (a validation error, the daily limit) frees the key. '
          + 'The answer has no start link (`start_url` starts the meeting as its host without signing in; the host starts from Zoom).',
        tags,
        params: connectionParams,
        headers: idempotencyHeaders,
        body: createMeetingBody,
        response: { 201: meetingView },
      },
    }, async (request, reply) => {
      const { id } = request.params;
      const { start, ...rest } = request.body;
      const { meeting, replayed } = await createMeetingThrough(ctx, requireViewer(request), id, { ...rest, start: new Date(start) }, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', `/api/v1/connections/${id}/zoom/meetings/${meeting.id}`).send(meeting);
    });

    app.get('/api/v1/connections/:id/zoom/meetings/:meetingId', {
      schema: {
        summary: 'Read a Zoom meeting through the connection',
        description: `${access} Needs meeting:read (or meeting:read:meeting), or classic meeting:write where Zoom lets it read.`,
        tags,
        params: meetingParams,
        response: { 200: meetingView },
      },
    }, async (request) => readMeeting(ctx, requireViewer(request), request.params.id, request.params.meetingId));

    app.patch('/api/v1/connections/:id/zoom/meetings/:meetingId', {
      schema: {
        summary: 'Change a Zoom meeting and answer it as changed',
        description: `${access} Needs meeting:write (or meeting:update:meeting) and, to answer with the meeting as Zoom now holds it, meeting:read `
          + '(or meeting:read:meeting; with classic meeting:write alone, Confer reads the meeting first, so a change it could not show is not made). '
          + 'Only the fields sent change. Counts toward the host’s 100 create/update calls a day. Safe to retry.',
        tags,
        params: meetingParams,
        body: updateMeetingBody,
        response: { 200: meetingView },
      },
    }, async (request) => {
      const { id, meetingId } = request.params;
      const { start, ...rest } = request.body;
      return changeMeeting(ctx, requireViewer(request), id, meetingId, { ...rest, ...(start === undefined ? {} : { start: new Date(start) }) });
    });

    app.delete('/api/v1/connections/:id/zoom/meetings/:meetingId', {
      schema: {
        summary: 'Delete a Zoom meeting',
        description: `${access} Needs meeting:write (or meeting:delete:meeting). Zoom sends invitees no cancellation. A meeting already gone is 404.`,
        tags,
        params: meetingParams,
        response: { 204: z.null().describe('Deleted') },
      },
    }, async (request, reply) => {
      await removeMeeting(ctx, requireViewer(request), request.params.id, request.params.meetingId);
      return reply.code(204).send(null);
    });

    app.get('/api/v1/connections/:id/zoom/meetings/:meetingId/recordings', {
      schema: {
        summary: 'List a meeting’s cloud recording files',
        description: `${access} Needs recording:read (or cloud_recording:read:list_recording_files). A meeting id gives its latest recorded instance. `
          + 'Each file’s `playUrl` and `downloadUrl` stream it through Confer with the same API key; Zoom’s own download URLs need the host’s token and are not given out.',
        tags,
        params: meetingRecordingsParams,
        response: { 200: meetingRecordingView },
      },
    }, async (request) => {
      const { id, meetingId } = request.params;
      return meetingRecordings(ctx, requireViewer(request), id, meetingId, fileUrlOf(id));
    });

    app.get('/api/v1/connections/:id/zoom/meetings/:meetingId/recordings/:fileId/:disposition', {
      schema: {
        summary: 'Play or download one recording file, streamed from Zoom (Range supported)',
        description: `${access} Needs recording:read. The body is the file itself (video, audio or text), not JSON.`,
        tags,
        params: recordingFileParams,
      },
    }, async (request, reply) => {
      const { id, meetingId, fileId, disposition } = request.params;
      const range = typeof request.headers.range === 'string' ? request.headers.range : undefined;
      const { file, startTime, upstream } = await openMeetingRecordingFile(ctx, requireViewer(request), id, meetingId, fileId, range);
      return sendRecordingFile(reply, upstream, { fileType: file.fileType, fileExtension: file.fileExtension, day: startTime?.slice(0, 10) }, disposition);
    });

    app.get('/api/v1/connections/:id/zoom/recordings', {
      schema: {
        summary: 'List the Zoom user’s cloud recordings between two dates',
        description: `${access} Needs recording:read (or cloud_recording:read:list_user_recordings). \`from\` and \`to\` are UTC days at most a month apart `
          + '(Zoom’s limit per call); up to 300 meetings a page.',
        tags,
        params: connectionParams,
        querystring: recordingsQuery,
        response: { 200: userRecordingsView },
      },
    }, async (request) => {
      const { id } = request.params;
      return userRecordings(ctx, requireViewer(request), id, request.query, fileUrlOf(id));
    });

    app.get('/api/v1/connections/:id/zoom/me', {
      schema: {
        summary: 'The Zoom user the connection acts for, as Zoom describes them now',
        description: `${access} Needs user_info:read (or user:read, user:read:user).`,
        tags,
        params: connectionParams,
        response: { 200: zoomUserView },
      },
    }, async (request) => readZoomUser(ctx, requireViewer(request), request.params.id));
  };
}
