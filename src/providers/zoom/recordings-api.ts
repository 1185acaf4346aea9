import { z } from 'zod';
import { sendZoomApiRequest } from './api-request.ts';
import { ZoomUnreachableError } from './zoom-api-error.ts';
import { observed, outcomeOfStatus, type ZoomApi, type ZoomCallObserver } from './zoom-call-observer.ts';

// Zoom lists files with no id (TIMELINE) or no link yet; such a file is left out, never fatal.
const recordingFileSchema = z.object({
  id: z.string().min(1),
  file_type: z.string().default(''),
  file_extension: z.string().default(''),
  file_size: z.number().default(0),
  recording_start: z.string().optional(),
  recording_end: z.string().optional(),
  recording_type: z.string().optional(),
  download_url: z.string().min(1),
  status: z.string().default('completed'),
});

/** One recorded file of a meeting. `downloadUrl` answers only with the host's token: it never leaves Confer. */
export interface ZoomRecordingFile {
  id: string;
  fileType: string;
  fileExtension: string;
  fileSize: number;
  recordingStart: string | undefined;
  recordingEnd: string | undefined;
  recordingType: string | undefined;
  downloadUrl: string;
  status: string;
}

const recordingSchema = z.object({
  uuid: z.string(),
  id: z.union([z.string(), z.number()]).transform(String),
  topic: z.string().optional(),
  start_time: z.string().optional(),
  duration: z.number().optional(),
  total_size: z.number().optional(),
  recording_files: z.array(z.unknown()).default([]),
});

/** One recorded instance of a meeting with its files. */
export interface ZoomMeetingRecording {
  meetingId: string;
  meetingUuid: string;
  topic: string | undefined;
  startTime: string | undefined;
  durationMinutes: number | undefined;
  totalSize: number | undefined;
  files: ZoomRecordingFile[];
}

/** A meeting's cloud recording as `recording.completed` and `GET /meetings/{id}/recordings` carry it. */
export function parseMeetingRecording(body: unknown): ZoomMeetingRecording {
  const r = recordingSchema.parse(body);
  return {
    meetingId: r.id,
    meetingUuid: r.uuid,
    topic: r.topic,
    startTime: r.start_time,
    durationMinutes: r.duration,
    totalSize: r.total_size,
    files: r.recording_files.flatMap((raw) => {
      const parsed = recordingFileSchema.safeParse(raw);
      if (!parsed.success) return [];
      const f = parsed.data;
      return [{
        id: f.id, fileType: f.file_type, fileExtension: f.file_extension, fileSize: f.file_size,
        recordingStart: f.recording_start, recordingEnd: f.recording_end, recordingType: f.recording_type, downloadUrl: f.download_url, status: f.status,
      }];
    }),
  };
}

/** A meeting id as Zoom's path takes it: a UUID that starts with `/` or holds `//` is encoded twice. */
export function meetingPathId(meetingIdOrUuid: string): string {
  const once = encodeURIComponent(meetingIdOrUuid);
  return meetingIdOrUuid.startsWith('/') || meetingIdOrUuid.includes('//') ? encodeURIComponent(once) : once;
}

/** `GET /meetings/{id|uuid}/recordings` (recording:read or cloud_recording:read:list_recording_files): a meeting id gives its latest recorded instance. */
export async function getMeetingRecordings(api: ZoomApi, accessToken: string, meetingIdOrUuid: string): Promise<ZoomMeetingRecording> {
  const { body } = await sendZoomApiRequest(api, accessToken, { operation: 'recordings.get', method: 'GET', path: `/meetings/${meetingPathId(meetingIdOrUuid)}/recordings` });
  return parseMeetingRecording(body);
}

const recordingListSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  next_page_token: z.string().optional().default(''),
  meetings: z.array(z.unknown()).default([]),
});

/**
 * One page of `GET /users/me/recordings?from&to` (recording:read or
 * cloud_recording:read:list_user_recordings); dates are `yyyy-MM-dd`, at most a month apart.
 */
export async function listUserRecordings(
  api: ZoomApi,
  accessToken: string,
  range: { from: string; to: string; pageToken?: string | undefined },
): Promise<{ meetings: ZoomMeetingRecording[]; nextPageToken: string }> {
  const { body } = await sendZoomApiRequest(api, accessToken, {
    operation: 'recordings.list',
    method: 'GET',
    path: '/users/me/recordings',
    query: { from: range.from, to: range.to, page_size: 300, next_page_token: range.pageToken || undefined },
  });
  const page = recordingListSchema.parse(body);
  return { meetings: page.meetings.map(parseMeetingRecording), nextPageToken: page.next_page_token };
}

/** How long a recording stream may wait: for Zoom's headers, then between two chunks of its body. */
export interface RecordingStreamTimeouts {
  headersMs: number;
  idleMs: number;
}

/**
 * Opens a recording file at Zoom with the host's token (Bearer, as Zoom asks of OAuth apps). The
 * caller streams the body on; Zoom's redirects to its storage are followed. A file of hundreds of
 * MB may take many minutes, so no deadline covers the whole body: the call fails only when the
 * headers are late or the body then stalls. `observe` hears of the call once the headers are in.
 */
export function openRecordingFile(
  downloadUrl: string, accessToken: string, timeouts: RecordingStreamTimeouts, range?: string, observe?: ZoomCallObserver,
): Promise<Response> {
  return observed(observe, 'recordings.download', async () => {
    const abort = new AbortController();
    const headersTimer = setTimeout(() => abort.abort(new ZoomUnreachableError(`Zoom sent no headers for the recording within ${timeouts.headersMs} ms`)), timeouts.headersMs);
    let response: Response;
    try {
      response = await fetch(downloadUrl, {
        headers: { authorization: `Bearer ${accessToken}`, ...(range ? { range } : {}) },
        redirect: 'follow',
        signal: abort.signal,
      });
    } catch (error) {
      throw new ZoomUnreachableError('Zoom could not be reached for the recording', { cause: error });
    } finally {
      clearTimeout(headersTimer);
    }
    if (!response.body) return response;
    return new Response(idleGuarded(response.body, timeouts.idleMs, abort), { status: response.status, statusText: response.statusText, headers: response.headers });
  }, (response) => outcomeOfStatus(response.status));
}

/**
 * The body, failing when Zoom sends nothing for `idleMs` while the reader waits for more. The
 * timer runs only while a chunk is asked for, so a slow reader (backpressure) is never cut.
 */
function idleGuarded(body: ReadableStream<Uint8Array>, idleMs: number, abort: AbortController): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const idle = setTimeout(() => abort.abort(new ZoomUnreachableError(`Zoom sent nothing of the recording for ${idleMs} ms`)), idleMs);
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error instanceof ZoomUnreachableError ? error : new ZoomUnreachableError('The recording stream from Zoom broke off', { cause: error }));
      } finally {
        clearTimeout(idle);
      }
    },
    // The reader went away (the host closed the player): drop Zoom's connection too, pending read included.
    cancel: (reason) => { abort.abort(reason); },
  }, { highWaterMark: 0 });
}
