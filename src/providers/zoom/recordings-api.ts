import { z } from 'zod';
import { sendZoomApiRequest } from './api-request.ts';
import type { ZoomApi } from './zoom-call-observer.ts';

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
