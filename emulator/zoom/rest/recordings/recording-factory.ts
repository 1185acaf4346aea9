import { randomUUID } from 'node:crypto';
import type { MeetingRecord, Recording, RecordingFile, User } from '../../state/model.ts';
import { chatText, m4aBytes, mp4Bytes, transcriptVtt } from './recording-content.ts';

export interface RecordingOptions {
  transcript: boolean;
  chat: boolean;
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
  const files = [
    file('MP4', 'MP4', 'shared_screen_with_speaker_view', mp4Bytes(meeting.topic), 'base64'),
    file('M4A', 'M4A', 'audio_only', m4aBytes(meeting.topic), 'base64'),
  ];
  if (options.transcript) files.push(file('TRANSCRIPT', 'VTT', 'audio_transcript', Buffer.from(transcriptVtt(hostName, meeting.topic)), 'utf8'));
  if (options.chat) files.push(file('CHAT', 'TXT', 'chat_file', Buffer.from(chatText(hostName, start)), 'utf8'));
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
