import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MeetingRecord, User } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { joinUrl } from '../rest/meetings/meeting-json.ts';
import type { MeetingLifecycle } from '../rest/meetings/meeting-lifecycle.ts';
import { recordingJson } from '../rest/recordings/recording-json.ts';
import { zoomTime } from '../rest/zoom-time.ts';
import { controlErrorHandler, parseControlBody, RestControlError } from './control-errors.ts';

const endBody = z.object({
  /** Leave a cloud recording (MP4 + M4A, and the optional files below). */
  recording: z.boolean().default(true),
  transcript: z.boolean().default(true),
  chat: z.boolean().default(false),
  /** `separate` (Zoom's way): the transcript follows in `recording.transcript_completed`; `combined`: inside `recording.completed`. */
  transcriptEvent: z.enum(['separate', 'combined']).default('separate'),
  /** With `separate`: the transcript is ready (in the API's list, and its event sent) once the emulator clock has moved on this far. */
  transcriptDelaySeconds: z.number().int().min(0).default(0),
  /** Odd files Zoom lists too: `timeline` (no id, no size), `processing` (a gallery-view MP4 not ready yet). */
  oddFiles: z.array(z.enum(['timeline', 'processing'])).default([]),
  /** Serve the MP4 from the byte generator at this size instead (nothing is stored). */
  mp4Bytes: z.number().int().min(1).max(2 ** 40).optional(),
  /** With `mp4Bytes`: each response of the MP4 goes silent after this many bytes. */
  stallAfterBytes: z.number().int().min(0).optional(),
  /** How long the instance ran, when it was never started through `/start`. */
  durationMinutes: z.number().int().min(1).optional(),
}).strict();

/** A meeting as tests see it: the record, with readable times and its join URL. */
function meetingView(meeting: MeetingRecord, store: EmulatorStore): Record<string, unknown> {
  return {
    ...meeting,
    startTimeIso: zoomTime(meeting.startTime),
    createdAtIso: zoomTime(meeting.createdAt),
    joinUrl: joinUrl(store.settings.publicUrl, meeting),
  };
}

/**
 * `/_emulator/meetings…`: what happens in the Zoom client and web portal rather than through the
 * API — the host starts, ends or deletes a meeting — with the webhooks Zoom sends for it.
 */
export function registerMeetingControlRoutes(app: FastifyInstance, store: EmulatorStore, lifecycle: MeetingLifecycle): void {
  const options = { errorHandler: controlErrorHandler };
  const hosted = (id: string): { meeting: MeetingRecord; host: User } => {
    const meeting = store.meetings.get(id);
    const host = meeting && store.users.get(meeting.hostId);
    if (!meeting || !host) throw new RestControlError('MEETING_NOT_FOUND', `No meeting with id ${id}.`);
    return { meeting, host };
  };

  app.get('/_emulator/meetings', options, async (request) => {
    const { hostId } = request.query as { hostId?: string };
    const meetings = [...store.meetings.values()].filter((m) => hostId === undefined || m.hostId === hostId);
    return { meetings: meetings.map((m) => meetingView(m, store)) };
  });

  app.get<{ Params: { id: string } }>('/_emulator/meetings/:id', options, async (request) => meetingView(hosted(request.params.id).meeting, store));

  app.post<{ Params: { id: string } }>('/_emulator/meetings/:id/start', options, async (request) => {
    const { meeting, host } = hosted(request.params.id);
    if (meeting.status === 'started') throw new RestControlError('MEETING_ALREADY_STARTED', `Meeting ${meeting.id} is already in progress.`);
    lifecycle.start(meeting, host);
    return meetingView(meeting, store);
  });

  app.post<{ Params: { id: string } }>('/_emulator/meetings/:id/end', options, async (request) => {
    const { meeting, host } = hosted(request.params.id);
    if (meeting.status === 'ended') throw new RestControlError('MEETING_ALREADY_ENDED', `Meeting ${meeting.id} has already ended.`);
    const input = parseControlBody(endBody, request.body);
    const recording = lifecycle.end(meeting, host, input);
    return {
      meeting: meetingView(meeting, store),
      recording: recording ? recordingJson(recording, host.accountId, meeting.type, store.settings.publicUrl) : null,
      /** The `download_token` of each recording event, in the order they were sent. */
      downloadToken: recording?.webhookTokens?.[0]?.token ?? null,
      transcriptDownloadToken: recording?.webhookTokens?.[1]?.token ?? null,
    };
  });

  app.delete<{ Params: { id: string } }>('/_emulator/meetings/:id', options, async (request, reply) => {
    const { meeting, host } = hosted(request.params.id);
    lifecycle.delete(meeting, host, { user: host });
    return reply.code(204).send();
  });
}
