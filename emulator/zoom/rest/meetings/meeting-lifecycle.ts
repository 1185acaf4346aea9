import type { MeetingRecord, Recording, RecordingFile, User } from '../../state/model.ts';
import { ids, type EmulatorStore } from '../../state/store.ts';
import type { Actor, ZoomEvents } from '../../webhooks/zoom-events.ts';
import type { PersistSoon } from '../persist-soon.ts';
import { recordingFor, type RecordingOptions } from '../recordings/recording-factory.ts';
import type { MeetingBody } from './meeting-input.ts';
import { newMeeting, patchMeeting } from './meeting-rules.ts';

export interface EndOptions extends RecordingOptions {
  /** Whether the meeting leaves a cloud recording. */
  recording: boolean;
  /** How long the instance ran when it was never started explicitly (minutes; default: its duration). */
  durationMinutes?: number;
  /** With a separate transcript event: how far the emulator clock must move on before it is sent (default 0). */
  transcriptDelaySeconds?: number;
}

/**
 * What happens to a meeting, whoever causes it (the REST API or the control API standing in for
 * the Zoom client): the record changes, the change is persisted and the webhooks are emitted.
 */
export class MeetingLifecycle {
  readonly #store: EmulatorStore;
  readonly #events: ZoomEvents;
  readonly #persist: PersistSoon;

  /** Transcripts whose `recording.transcript_completed` waits for the emulator clock to reach `dueAt`. */
  #pendingTranscripts: Array<{ recording: Recording; meeting: MeetingRecord; host: User; files: RecordingFile[]; dueAt: number }> = [];

  constructor(store: EmulatorStore, events: ZoomEvents, persist: PersistSoon) {
    this.#store = store;
    this.#events = events;
    this.#persist = persist;
    store.onClockAdvanced(() => this.#releaseTranscripts());
    store.onReset(() => { this.#pendingTranscripts = []; });
  }

  create(host: User, body: MeetingBody, actor: Actor): MeetingRecord {
    const meeting = newMeeting(host, body, this.#store.now());
    while (this.#store.meetings.has(meeting.id)) meeting.id = ids.meetingId();
    this.#store.meetings.set(meeting.id, meeting);
    // Saved before it is announced (the event here, the answer after): a crash in between must not
    // leave Confer holding a meeting the emulator forgot.
    this.#persist.now();
    this.#events.meetingCreated(meeting, host, actor);
    return meeting;
  }

  update(meeting: MeetingRecord, host: User, body: MeetingBody, actor: Actor): void {
    const change = patchMeeting(meeting, host, body);
    this.#persist.now();
    if (change.changed.length > 0) this.#events.meetingUpdated(meeting, change.before, change.changed, host, actor);
  }

  delete(meeting: MeetingRecord, host: User, actor: Actor): void {
    this.#store.meetings.delete(meeting.id);
    this.#persist.now();
    this.#events.meetingDeleted(meeting, host, actor);
  }

  /** The host starts the meeting; an ended meeting starts a new instance (a new UUID), as in Zoom. */
  start(meeting: MeetingRecord, host: User): void {
    if (meeting.status === 'ended') meeting.uuid = ids.uuid();
    meeting.status = 'started';
    meeting.startedAt = this.#store.now();
    meeting.endedAt = undefined;
    this.#persist.request();
    this.#events.meetingStarted(meeting, host);
  }

  /**
   * Ends the instance: `meeting.ended`, then (when recorded) the recording and `recording.completed`,
   * then `recording.transcript_completed` unless the transcript rides in the first event.
   */
  end(meeting: MeetingRecord, host: User, options: EndOptions): Recording | undefined {
    const now = this.#store.now();
    const startedAt = meeting.status === 'started' && meeting.startedAt !== undefined
      ? meeting.startedAt
      : now - (options.durationMinutes ?? meeting.duration) * 60_000;
    meeting.status = 'ended';
    meeting.startedAt = startedAt;
    meeting.endedAt = now;
    this.#events.meetingEnded(meeting, host, startedAt, now);
    let recording: Recording | undefined;
    if (options.recording) {
      recording = recordingFor(meeting, host, startedAt, now, options);
      // As in Zoom, a separate transcript joins the recording only when its own event says it is ready.
      const transcripts = options.transcriptEvent === 'separate' ? recording.files.filter((f) => f.fileType === 'TRANSCRIPT') : [];
      recording.files = recording.files.filter((f) => !transcripts.includes(f));
      this.#store.recordings.set(recording.meetingUuid, recording);
      this.#events.recordingCompleted(recording, meeting, host);
      if (transcripts.length > 0) {
        this.#pendingTranscripts.push({ recording, meeting, host, files: transcripts, dueAt: now + (options.transcriptDelaySeconds ?? 0) * 1000 });
        this.#releaseTranscripts();
      }
    }
    this.#persist.request();
    return recording;
  }

  /** A due transcript joins its recording (Zoom's list shows it from then on) and its event goes out. */
  #releaseTranscripts(): void {
    const now = this.#store.now();
    const due = this.#pendingTranscripts.filter((p) => p.dueAt <= now);
    this.#pendingTranscripts = this.#pendingTranscripts.filter((p) => p.dueAt > now);
    for (const { recording, meeting, host, files } of due) {
      recording.files.push(...files);
      this.#events.transcriptCompleted(recording, meeting, host, files);
    }
    if (due.length > 0) this.#persist.request();
  }
}
