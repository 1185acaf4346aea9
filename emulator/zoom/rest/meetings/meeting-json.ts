import { randomBytes } from 'node:crypto';
import type { MeetingRecord, User } from '../../state/model.ts';
import { zoomTime } from '../zoom-time.ts';
import { numericPasscode } from './meeting-rules.ts';

/**
 * A meeting as Zoom's JSON shows it. Meeting ids are int64 but below 2^53, so they are emitted as
 * JSON numbers like Zoom does; the record keeps them as strings.
 */

export function joinUrl(publicUrl: string, meeting: MeetingRecord): string {
  const base = `${publicUrl}/j/${meeting.id}`;
  return meeting.encryptedPassword ? `${base}?pwd=${meeting.encryptedPassword}` : base;
}

/** The host's start link; Zoom's carries a short-lived ZAK, so every read gives a fresh one. */
export function startUrl(publicUrl: string, meeting: MeetingRecord): string {
  return `${publicUrl}/s/${meeting.id}?zak=${randomBytes(24).toString('base64url')}`;
}

/** The full meeting (create and get). `start_url` only for the host, as Zoom does. */
export function meetingJson(meeting: MeetingRecord, host: User, publicUrl: string, forHost: boolean): Record<string, unknown> {
  return {
    uuid: meeting.uuid,
    id: Number(meeting.id),
    host_id: meeting.hostId,
    host_email: host.email,
    topic: meeting.topic,
    type: meeting.type,
    status: meeting.status === 'started' ? 'started' : 'waiting',
    start_time: zoomTime(meeting.startTime),
    duration: meeting.duration,
    timezone: meeting.timezone,
    agenda: meeting.agenda,
    created_at: zoomTime(meeting.createdAt),
    ...(forHost ? { start_url: startUrl(publicUrl, meeting) } : {}),
    join_url: joinUrl(publicUrl, meeting),
    password: meeting.password,
    h323_password: numericPasscode(meeting.password),
    pstn_password: numericPasscode(meeting.password),
    encrypted_password: meeting.encryptedPassword ?? '',
    settings: meeting.settings,
    pre_schedule: false,
  };
}

/** A meeting as `GET /users/{userId}/meetings` lists it. */
export function meetingListItemJson(meeting: MeetingRecord, publicUrl: string): Record<string, unknown> {
  return {
    uuid: meeting.uuid,
    id: Number(meeting.id),
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: zoomTime(meeting.startTime),
    duration: meeting.duration,
    timezone: meeting.timezone,
    agenda: meeting.agenda,
    created_at: zoomTime(meeting.createdAt),
    join_url: joinUrl(publicUrl, meeting),
  };
}
