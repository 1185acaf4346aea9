import type { ZoomMeeting } from '../../providers/zoom/meetings-api.ts';
import type { ZoomMeetingRecording } from '../../providers/zoom/recordings-api.ts';
import type { ZoomUser } from '../../providers/zoom/users-api.ts';

// What the Zoom actions answer: Zoom's data in Confer's camelCase shapes. Two things of Zoom's never
// leave Confer: the meeting's start_url (a link that starts the meeting as its host, without
// signing in) and a recording's download_url (it answers only with the host's access token).

const autoRecordings = ['none', 'local', 'cloud'] as const;

/** A Zoom meeting as the API shows it. No start link: the host starts from Zoom, signed in. */
export interface MeetingView {
  id: string;
  uuid: string;
  hostId: string;
  topic: string;
  agenda: string;
  type: number | null;
  status: string | null;
  /** The start as a UTC instant (ISO 8601), or null for a meeting without a fixed time. */
  start: string | null;
  durationMinutes: number | null;
  timeZone: string | null;
  joinUrl: string;
  passcode: string;
  settings: {
    waitingRoom: boolean | null;
    joinBeforeHost: boolean | null;
    muteUponEntry: boolean | null;
    autoRecording: (typeof autoRecordings)[number] | null;
  };
  createdAt: string | null;
}

/** Zoom's `yyyy-MM-ddTHH:mm:ssZ` as an ISO instant, or null when absent or unreadable. */
function utcInstant(value: string | undefined): string | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function toMeetingView(meeting: ZoomMeeting): MeetingView {
  const { settings } = meeting;
  return {
    id: meeting.id,
    uuid: meeting.uuid,
    hostId: meeting.hostId,
    topic: meeting.topic,
    agenda: meeting.agenda,
    type: meeting.type ?? null,
    status: meeting.status ?? null,
    start: utcInstant(meeting.startTime),
    durationMinutes: meeting.durationMinutes ?? null,
    timeZone: meeting.timeZone ?? null,
    joinUrl: meeting.joinUrl,
    passcode: meeting.passcode,
    settings: {
      waitingRoom: settings.waitingRoom ?? null,
      joinBeforeHost: settings.joinBeforeHost ?? null,
      muteUponEntry: settings.muteUponEntry ?? null,
      autoRecording: autoRecordings.find((value) => value === settings.autoRecording) ?? null,
    },
    createdAt: utcInstant(meeting.createdAt),
  };
}

/** Where Confer streams one recording file from Zoom: `play` shows it inline, `download` saves it. */
export type RecordingFileUrl = (meetingUuid: string, fileId: string, disposition: 'play' | 'download') => string;

export interface RecordingFileView {
  id: string;
  fileType: string;
  fileExtension: string;
  fileSize: number;
  recordingType: string | null;
  recordingStart: string | null;
  recordingEnd: string | null;
  status: string;
  /** Confer's URL streaming the file from Zoom, inline; it takes the same API key. */
  playUrl: string;
  /** The same, as an attachment. */
  downloadUrl: string;
}

/** One recorded instance of a meeting with its files. */
export interface MeetingRecordingView {
  meetingId: string;
  meetingUuid: string;
  topic: string | null;
  start: string | null;
  durationMinutes: number | null;
  totalSize: number | null;
  files: RecordingFileView[];
}

export function toRecordingView(recording: ZoomMeetingRecording, fileUrl: RecordingFileUrl): MeetingRecordingView {
  return {
    meetingId: recording.meetingId,
    meetingUuid: recording.meetingUuid,
    topic: recording.topic ?? null,
    start: utcInstant(recording.startTime),
    durationMinutes: recording.durationMinutes ?? null,
    totalSize: recording.totalSize ?? null,
    files: recording.files.map((file) => ({
      id: file.id,
      fileType: file.fileType,
      fileExtension: file.fileExtension,
      fileSize: file.fileSize,
      recordingType: file.recordingType ?? null,
      recordingStart: utcInstant(file.recordingStart),
      recordingEnd: utcInstant(file.recordingEnd),
      status: file.status,
      playUrl: fileUrl(recording.meetingUuid, file.id, 'play'),
      downloadUrl: fileUrl(recording.meetingUuid, file.id, 'download'),
    })),
  };
}

/** The Zoom user a connection acts for. */
export interface ZoomUserView {
  id: string;
  accountId: string;
  email: string;
  name: string;
  timeZone: string | null;
}

export const toZoomUserView = (user: ZoomUser): ZoomUserView => ({ id: user.id, accountId: user.accountId, email: user.email, name: user.name, timeZone: user.timeZone ?? null });
