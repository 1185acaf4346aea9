import { createHmac, randomBytes } from 'node:crypto';
import type { App, MeetingRecord, Recording, RecordingFile, User } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { joinUrl } from '../rest/meetings/meeting-json.ts';
import { recordingJson } from '../rest/recordings/recording-json.ts';
import { zoomTime } from '../rest/zoom-time.ts';
import type { WebhookDispatcher } from './dispatcher.ts';

/** Who did it: the user whose token (or whose Zoom UI action) caused the event, and with which app. */
export interface Actor {
  user: User;
  clientId?: string;
}

/** Lifetime of a recording event's `download_token` (Zoom: 24 hours). */
export const downloadTokenLifetimeMs = 24 * 3600 * 1000;

/** The events Zoom sends about meetings, recordings and app installs, with Zoom's payload shapes. */
export class ZoomEvents {
  readonly #store: EmulatorStore;
  readonly #dispatcher: WebhookDispatcher;

  constructor(store: EmulatorStore, dispatcher: WebhookDispatcher) {
    this.#store = store;
    this.#dispatcher = dispatcher;
  }

  meetingCreated(meeting: MeetingRecord, host: User, actor: Actor): void {
    this.#meetingEvent('meeting.created', host, actor, {
      ...this.#meetingCore(meeting),
      join_url: joinUrl(this.#store.settings.publicUrl, meeting),
      password: meeting.password,
      settings: meeting.settings,
    });
  }

  /** `object` and `old_object` carry the id and the fields that changed, as Zoom's do. */
  meetingUpdated(meeting: MeetingRecord, before: MeetingRecord, changed: string[], host: User, actor: Actor): void {
    const pick = (m: MeetingRecord): Record<string, unknown> => {
      const all: Record<string, unknown> = {
        topic: m.topic, type: m.type, start_time: zoomTime(m.startTime), duration: m.duration,
        timezone: m.timezone, agenda: m.agenda, password: m.password, settings: m.settings,
      };
      return Object.fromEntries([['id', Number(m.id)], ['uuid', m.uuid], ...changed.map((k) => [k, all[k]])]);
    };
    this.#meetingEvent('meeting.updated', host, actor, pick(meeting), { old_object: pick(before), time_stamp: this.#store.now() });
  }

  meetingDeleted(meeting: MeetingRecord, host: User, actor: Actor): void {
    this.#meetingEvent('meeting.deleted', host, actor, this.#meetingCore(meeting));
  }

  meetingStarted(meeting: MeetingRecord, host: User): void {
    this.#meetingEvent('meeting.started', host, undefined, this.#meetingCore(meeting));
  }

  meetingEnded(meeting: MeetingRecord, host: User, startedAt: number, endedAt: number): void {
    this.#meetingEvent('meeting.ended', host, undefined, {
      ...this.#meetingCore(meeting),
      start_time: zoomTime(startedAt),
      end_time: zoomTime(endedAt),
    });
  }

  /** `recording.completed` with `files` (all of them unless the transcript follows on its own). */
  recordingCompleted(recording: Recording, meeting: MeetingRecord, host: User, files: RecordingFile[] = recording.files): void {
    this.#recordingEvent('recording.completed', recording, meeting, host, files);
  }

  /** `recording.transcript_completed`: Zoom's later event for the transcript, with its own token. */
  transcriptCompleted(recording: Recording, meeting: MeetingRecord, host: User, files: RecordingFile[]): void {
    this.#recordingEvent('recording.transcript_completed', recording, meeting, host, files);
  }

  /**
   * A recording event carries `webhook_download` links to its files and, beside the payload, a
   * `download_token` that opens those links alone for 24 hours.
   */
  #recordingEvent(event: string, recording: Recording, meeting: MeetingRecord, host: User, files: RecordingFile[]): void {
    const token = randomBytes(32).toString('base64url');
    (recording.webhookTokens ??= []).push({ token, expiresAt: this.#store.now() + downloadTokenLifetimeMs, fileIds: files.map((f) => f.id) });
    const object = {
      ...recordingJson(recording, host.accountId, meeting.type, this.#store.settings.publicUrl, { files, links: 'webhook' }),
      host_email: host.email,
      timezone: meeting.timezone,
      password: meeting.password,
    };
    this.#dispatcher.emit(event, host.accountId, { account_id: host.accountId, object }, { envelope: { download_token: token } });
  }

  /**
   * `app_deauthorized` goes to the app alone. Its payload has no `object` and repeats `event_ts`;
   * `signature` is the legacy Data Compliance signature, here HMAC-SHA256(client secret, user:client:time).
   */
  appDeauthorized(app: App, user: User): void {
    const now = this.#store.now();
    const deauthorizationTime = zoomTime(now);
    const signature = createHmac('sha256', app.clientSecret).update(`${user.id}:${app.clientId}:${deauthorizationTime}`).digest('hex');
    this.#dispatcher.emit('app_deauthorized', user.accountId, {
      account_id: user.accountId,
      user_id: user.id,
      client_id: app.clientId,
      deauthorization_time: deauthorizationTime,
      signature,
      event_ts: now,
    }, { onlyClientId: app.clientId, eventTs: now });
  }

  #meetingCore(meeting: MeetingRecord): Record<string, unknown> {
    return {
      uuid: meeting.uuid,
      id: Number(meeting.id),
      host_id: meeting.hostId,
      topic: meeting.topic,
      type: meeting.type,
      start_time: zoomTime(meeting.startTime),
      duration: meeting.duration,
      timezone: meeting.timezone,
    };
  }

  #meetingEvent(event: string, host: User, actor: Actor | undefined, object: Record<string, unknown>, extra: Record<string, unknown> = {}): void {
    // Events caused by someone (create, update, delete) name the operator; started/ended do not.
    const payload = {
      account_id: host.accountId,
      ...(actor ? { operator: actor.user.email, operator_id: actor.user.id, operation: 'single' } : {}),
      object,
      ...extra,
    };
    this.#dispatcher.emit(event, host.accountId, payload, actor?.clientId === undefined ? {} : { actingClientId: actor.clientId });
  }
}
