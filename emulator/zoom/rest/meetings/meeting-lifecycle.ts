import type { MeetingRecord, Recording, User } from '../../state/model.ts';
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
}

/**
 * What happens to a meeting, whoever causes it (the REST API or the control API standing in for
 * the Zoom client): the record changes, the change is persisted and the webhooks are emitted.
 */
export class MeetingLifecycle {
  readonly #store: EmulatorStore;
  readonly #events: ZoomEvents;
  readonly #persist: PersistSoon;

  constructor(store: EmulatorStore, events: ZoomEvents, persist: PersistSoon) {
    this.#store = store;
    this.#events = events;
    this.#persist = persist;
  }

  create(host: User, body: MeetingBody, actor: Actor): MeetingRecord {
    const meeting = newMeeting(host, body, this.#store.now());
    while (this.#store.meetings.has(meeting.id)) meeting.id = ids.meetingId();
    this.#store.meetings.set(meeting.id, meeting);
    this.#persist.request();
    this.#events.meetingCreated(meeting, host, actor);
    return meeting;
  }

  update(meeting: MeetingRecord, host: User, body: MeetingBody, actor: Actor): void {
    const change = patchMeeting(meeting, host, body);
    this.#persist.request();
    if (change.changed.length > 0) this.#events.meetingUpdated(meeting, change.before, change.changed, host, actor);
  }

  delete(meeting: MeetingRecord, host: User, actor: Actor): void {
    this.#store.meetings.delete(meeting.id);
    this.#persist.request();
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

  /** Ends the instance: `meeting.ended`, then (when recorded) the recording and `recording.completed`. */
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
      this.#store.recordings.set(recording.meetingUuid, recording);
      this.#events.recordingCompleted(recording, meeting, host);
    }
    this.#persist.request();
    return recording;
  }
}
