import { randomUUID } from 'node:crypto';
import type { MeetingRecord, Recording, RecordingFile, User } from '../../state/model.ts';
import { chatText, m4aBytes, mp4Bytes, transcriptVtt } from './recording-content.ts';

export interface RecordingOptions {
  transcript: boolean;
  chat: boolean;
  /** `separate`: the transcript comes in its own later `recording.transcript_completed` (Zoom's way); `combined`: inside `recording.completed`. */
  transcriptEvent: 'separate' | 'combined';
  /** Odd files Zoom also lists: a TIMELINE with no id or size, and a gallery-view MP4 still `processing`. */
  oddFiles: Array<'timeline' | 'processing'>;
  /** A generated MP4 of this many bytes in place of the small real one (large-download tests). */
  mp4Bytes?: number;
  /** A generated MP4 goes silent after this many bytes of a response (a stuck upstream). */
  stallAfterBytes?: number;
}

/** The cloud recording a meeting instance leaves when it ends: MP4, M4A and optionally transcript and chat. */
export function recordingFor(meeting: MeetingRecord, host: User, start: number, end: number, options: RecordingOptions): Recording {
  const hostName = `${host.firstName} ${host.lastName}`;
  const file = (fileType: RecordingFile['fileType'], fileExtension: string, recordingType: string, bytes: Buffer, encoding: 'utf8' | 'base64'): RecordingFile => ({
    id: randomUUID(),
    meetingId: meeting.uuid,
    recordingStart: start,
    recordingEnd: end,
    fileType,
    fileExtension,
    fileSize: bytes.length,
    recordingType,
    content: bytes.toString(encoding),
    contentEncoding: encoding,
  });
  const mp4 = file('MP4', 'MP4', 'shared_screen_with_speaker_view', mp4Bytes(meeting.topic), 'base64');
  const files = [
    options.mp4Bytes === undefined ? mp4 : {
      ...mp4, fileSize: options.mp4Bytes, content: '', generated: options.stallAfterBytes === undefined ? {} : { stallAfterBytes: options.stallAfterBytes },
    },
    file('M4A', 'M4A', 'audio_only', m4aBytes(meeting.topic), 'base64'),
  ];
  if (options.transcript) files.push(file('TRANSCRIPT', 'VTT', 'audio_transcript', Buffer.from(transcriptVtt(hostName, meeting.topic)), 'utf8'));
  if (options.chat) files.push(file('CHAT', 'TXT', 'chat_file', Buffer.from(chatText(hostName, start)), 'utf8'));
  if (options.oddFiles.includes('timeline')) {
    files.push({ ...file('TIMELINE', 'JSON', 'timeline', Buffer.from(JSON.stringify({ timeline: [] })), 'utf8'), listedWithoutId: true });
  }
  if (options.oddFiles.includes('processing')) {
    files.push({ ...file('MP4', 'MP4', 'gallery_view', mp4Bytes(`${meeting.topic} (gallery)`), 'base64'), status: 'processing' });
  }
  return {
    meetingUuid: meeting.uuid,
    meetingId: meeting.id,
    hostId: host.id,
    topic: meeting.topic,
    startTime: start,
    duration: Math.max(1, Math.round((end - start) / 60_000)),
    files,
  };
}

/** The bytes a recording file serves. */
export function recordingFileBytes(file: RecordingFile): Buffer {
  return Buffer.from(file.content, file.contentEncoding === 'base64' ? 'base64' : 'utf8');
}
