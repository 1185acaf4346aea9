import type { Recording, RecordingFile } from '../../state/model.ts';
import { zoomTime } from '../zoom-time.ts';

/** Where the emulator serves a recording's files and share page (the zoom.us side of downloads). */
export const recordingUrls = {
  download: (publicUrl: string, file: RecordingFile) => `${publicUrl}/rec/download/${file.id}`,
  /** What recording events carry instead: opened only with that event's `download_token`. */
  webhookDownload: (publicUrl: string, file: RecordingFile) => `${publicUrl}/rec/webhook_download/${file.id}`,
  play: (publicUrl: string, file: RecordingFile) => `${publicUrl}/rec/play/${file.id}`,
  share: (publicUrl: string, recording: Recording) => `${publicUrl}/rec/share/${Buffer.from(recording.meetingUuid).toString('base64url')}`,
};

/** Which links a file carries: the API's (OAuth) or a webhook's (its `download_token`). */
export type RecordingLinks = 'api' | 'webhook';

export function recordingFileJson(file: RecordingFile, publicUrl: string, links: RecordingLinks = 'api'): Record<string, unknown> {
  return {
    ...(file.listedWithoutId ? {} : { id: file.id, file_size: file.fileSize }),
    meeting_id: file.meetingId,
    recording_start: zoomTime(file.recordingStart),
    recording_end: zoomTime(file.recordingEnd),
    file_type: file.fileType,
    file_extension: file.fileExtension,
    play_url: recordingUrls.play(publicUrl, file),
    download_url: links === 'webhook' ? recordingUrls.webhookDownload(publicUrl, file) : recordingUrls.download(publicUrl, file),
    status: file.status ?? 'completed',
    recording_type: file.recordingType,
  };
}

/**
 * A meeting's recording as `GET /meetings/{id}/recordings` and `recording.completed` show it.
 * The OpenAPI document types the meeting `type` here as a string ("2").
 */
export function recordingJson(
  recording: Recording, accountId: string, meetingType: number, publicUrl: string,
  view: { files?: RecordingFile[]; links?: RecordingLinks } = {},
): Record<string, unknown> {
  const shown = view.files ?? recording.files;
  const files = shown.map((f) => recordingFileJson(f, publicUrl, view.links));
  return {
    uuid: recording.meetingUuid,
    id: Number(recording.meetingId),
    account_id: accountId,
    host_id: recording.hostId,
    topic: recording.topic,
    type: String(meetingType),
    start_time: zoomTime(recording.startTime),
    duration: recording.duration,
    total_size: shown.reduce((sum, f) => sum + f.fileSize, 0),
    recording_count: files.length,
    share_url: recordingUrls.share(publicUrl, recording),
    recording_files: files,
  };
}
