import type { Writable } from 'node:stream';

/**
 * What scheduling needs from a video platform, in its own words. Zoom is the one implementation
 * today (src/connections/zoom-video-provider.ts); scheduling never sees a Zoom type. Failures come
 * back as catalogued errors: CONNECTION_NEEDS_REAUTHORIZATION / CONNECTION_REVOKED (the host must
 * act), ZOOM_UNREACHABLE / ZOOM_RATE_LIMITED (try later, `retryAfterSeconds` when known), anything
 * else permanent.
 */
export interface VideoProvider {
  /** The host's own defaults for new meetings, or undefined when the connection may not read them. */
  meetingDefaults(connectionId: string): Promise<MeetingOptions | undefined>;
  /**
   * Creates the meeting. A failure after which the meeting may exist all the same (no answer, or an
   * answer that does not say) is wrapped in {@link MeetingMayExist}; any other failure means Zoom
   * made nothing.
   */
  createMeeting(connectionId: string, request: MeetingRequest): Promise<CreatedMeeting>;
  /**
   * Looks through the host's scheduled meetings for the one whose agenda carries `marker` (made by a
   * create whose answer was lost). `searchable: false` when the connection may not list meetings.
   */
  findMeeting(connectionId: string, marker: string): Promise<MeetingSearch>;
  moveMeeting(connectionId: string, meetingId: string, change: { start: Date; durationMinutes: number; timeZone: string }): Promise<MeetingUsage>;
  /** Deletes the meeting; one that is already gone counts as deleted. */
  deleteMeeting(connectionId: string, meetingId: string): Promise<'deleted' | 'already_gone'>;
  /** A recorded meeting instance's files as the platform lists them now, read with the connection. */
  meetingRecording(connectionId: string, meetingUuid: string): Promise<RecordedMeeting>;
  /**
   * Opens one file of a recorded instance through a link asked for just now (links handed out
   * earlier, a webhook's above all, expire); the caller streams the body.
   */
  openRecording(connectionId: string, meetingUuid: string, fileId: string, range?: string): Promise<RecordingStream>;
}

/** A recording file as the platform answered it; the body is read once, with pipeTo, or dropped with cancel. */
export interface RecordingStream {
  status: number;
  /** The body's length in bytes when the platform declared it. */
  bodyLength: number | undefined;
  header(name: string): string | undefined;
  /**
   * Writes the body into `destination`, only as fast as it takes it; resolves once the body has been
   * handed over (or the destination closed), rejects when the platform's side breaks off or stalls.
   */
  pipeTo(destination: Writable): Promise<void>;
  cancel(): void;
}

/** One recorded file. `status` is `completed` once it can be fetched (`processing` before). */
export interface RecordedFile {
  id: string;
  fileType: string;
  fileExtension: string;
  fileSize: number;
  recordingStart: string | undefined;
  recordingEnd: string | undefined;
  downloadUrl: string;
  status: string;
}

export interface RecordedMeeting {
  meetingId: string;
  meetingUuid: string;
  files: RecordedFile[];
}

export interface MeetingOptions {
  waitingRoom: boolean;
  passcodeRequired: boolean;
  joinBeforeHost: boolean;
  autoRecording: 'none' | 'local' | 'cloud';
  muteUponEntry: boolean;
}

export interface MeetingRequest {
  topic: string;
  /** Carries `marker` so a lost answer can be matched to the meeting it created. */
  agenda: string;
  marker: string;
  start: Date;
  durationMinutes: number;
  timeZone: string;
  options: MeetingOptions;
}

export type MeetingSearch = { searchable: false } | { searchable: true; meeting: ProvisionedMeeting | undefined };

export interface ProvisionedMeeting {
  id: string;
  uuid: string;
  hostId: string;
  joinUrl: string;
  startUrl: string | undefined;
  passcode: string;
}

/** How much of the host's daily create/update allowance is used, after a call that counts. */
export interface MeetingUsage {
  used: number;
  limit: number;
  /** True for the one call that reached the warning mark. */
  reachedWarning: boolean;
}

export interface CreatedMeeting {
  meeting: ProvisionedMeeting;
  usage: MeetingUsage;
}

/**
 * A create that failed without saying whether the meeting was made: the request went out and the
 * answer was lost (timeout, reset connection) or was a server error. `cause` is the failure itself.
 */
export class MeetingMayExist extends Error {
  constructor(cause: unknown) {
    super((cause as Error | undefined)?.message ?? 'Zoom gave no answer to creating the meeting', { cause });
    this.name = 'MeetingMayExist';
  }
}
