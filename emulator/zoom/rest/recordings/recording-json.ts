import type { Recording, RecordingFile } from '../../state/model.ts';
import { zoomTime } from '../zoom-time.ts';

/** Where the emulator serves a recording's files and share page (the zoom.us side of downloads). */
export const recordingUrls = {
  download: (publicUrl: string, file: RecordingFile) => `${publicUrl}/rec/download/${file.id}`,
  play: (publicUrl: string, file: RecordingFile) => `${publicUrl}/rec/play/${file.id}`,
  share: (publicUrl: string, recording: Recording) => `${publicUrl}/rec/share/${Buffer.from(recording.meetingUuid).toString('base64url')}`,
};

export function recordingFileJson(file: RecordingFile, publicUrl: string): Record<string, unknown> {
  return {
    id: file.id,
    meeting_id: file.meetingId,
    recording_start: zoomTime(file.recordingStart),
    recording_end: zoomTime(file.recordingEnd),
    file_type: file.fileType,
    file_extension: file.fileExtension,
    file_size: file.fileSize,
    play_url: recordingUrls.play(publicUrl, file),
    download_url: recordingUrls.download(publicUrl, file),
    status: 'completed',
    recording_type: file.recordingType,
  };
}

/**
 * A meeting's recording as `GET /meetings/{id}/recordings` and `recording.completed` show it.
 * The OpenAPI document types the meeting `type` here as a string ("2").
 */
export function recordingJson(recording: Recording, accountId: string, meetingType: number, publicUrl: string): Record<string, unknown> {
  const files = recording.files.map((f) => recordingFileJson(f, publicUrl));
  return {
    uuid: recording.meetingUuid,
    id: Number(recording.meetingId),
    account_id: accountId,
    host_id: recording.hostId,
    topic: recording.topic,
    type: String(meetingType),
    start_time: zoomTime(recording.startTime),
    duration: recording.duration,
    total_size: recording.files.reduce((sum, f) => sum + f.fileSize, 0),
    recording_count: files.length,
    share_url: recordingUrls.share(publicUrl, recording),
    recording_files: files,
  };
}
