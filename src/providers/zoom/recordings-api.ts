import { z } from 'zod';
import { zoomRequestTimeoutMs } from './oauth-server.ts';
import { ZoomUnreachableError } from './zoom-api-error.ts';

const recordingFileSchema = z.object({
  id: z.string(),
  file_type: z.string().default(''),
  file_extension: z.string().default(''),
  file_size: z.number().default(0),
  recording_start: z.string().optional(),
  recording_end: z.string().optional(),
  download_url: z.string(),
  status: z.string().default('completed'),
});

/** One recorded file of a meeting. */
export interface ZoomRecordingFile {
  id: string;
  fileType: string;
  fileExtension: string;
  fileSize: number;
  recordingStart: string | undefined;
  recordingEnd: string | undefined;
  downloadUrl: string;
  status: string;
}

const recordingSchema = z.object({
  uuid: z.string(),
  id: z.union([z.string(), z.number()]).transform(String),
  recording_files: z.array(recordingFileSchema).default([]),
});

/** A meeting's cloud recording as `recording.completed` and `GET /meetings/{id}/recordings` carry it. */
export function parseMeetingRecording(body: unknown): { meetingId: string; meetingUuid: string; files: ZoomRecordingFile[] } {
  const r = recordingSchema.parse(body);
  return {
    meetingId: r.id,
    meetingUuid: r.uuid,
    files: r.recording_files.map((f) => ({
      id: f.id, fileType: f.file_type, fileExtension: f.file_extension, fileSize: f.file_size,
      recordingStart: f.recording_start, recordingEnd: f.recording_end, downloadUrl: f.download_url, status: f.status,
    })),
  };
}

/**
 * Opens a recording file at Zoom with the host's token (Bearer, as Zoom asks of OAuth apps). The
 * caller streams the body on; Zoom's redirects to its storage are followed.
 */
export async function openRecordingFile(downloadUrl: string, accessToken: string, range?: string): Promise<Response> {
  try {
    return await fetch(downloadUrl, {
      headers: { authorization: `Bearer ${accessToken}`, ...(range ? { range } : {}) },
      redirect: 'follow',
      signal: AbortSignal.timeout(zoomRequestTimeoutMs * 6),
    });
  } catch (error) {
    throw new ZoomUnreachableError('Zoom could not be reached for the recording', { cause: error });
  }
}
