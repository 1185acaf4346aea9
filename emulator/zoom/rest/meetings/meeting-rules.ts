import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { MeetingRecord, User } from '../../state/model.ts';
import { ids } from '../../state/store.ts';
import { isValidTimezone, parseStartTime } from '../zoom-time.ts';
import { zoomErrors, type ZoomFieldError } from '../zoom-errors.ts';
import type { MeetingBody } from './meeting-input.ts';

/**
 * Zoom's meeting semantics, without HTTP: defaults from the host's settings, local start times
 * read in the meeting's zone, and the security rule (every meeting has a passcode, a waiting room
 * or authentication; a waiting room turns join-before-host off).
 */

/** The settings Zoom echoes on a new meeting when the request does not set them. */
export function defaultMeetingSettings(host: User): Record<string, unknown> {
  const s = host.settings;
  return {
    host_video: s.hostVideo,
    participant_video: s.participantVideo,
    cn_meeting: false,
    in_meeting: false,
    join_before_host: s.joinBeforeHost,
    jbh_time: 0,
    mute_upon_entry: s.muteUponEntry,
    watermark: false,
    use_pmi: false,
    approval_type: 2,
    audio: 'voip',
    auto_recording: s.autoRecording,
    enforce_login: false,
    enforce_login_domains: '',
    alternative_hosts: '',
    alternative_host_update_polls: false,
    close_registration: false,
    show_share_button: false,
    allow_multiple_devices: false,
    registrants_confirmation_email: true,
    waiting_room: s.waitingRoom,
    request_permission_to_unmute_participants: false,
    registrants_email_notification: true,
    meeting_authentication: false,
    encryption_type: 'enhanced_encryption',
    approved_or_denied_countries_or_regions: { enable: false },
    breakout_room: { enable: false },
    internal_meeting: false,
    continuous_meeting_chat: { enable: false, auto_add_invited_external_users: false },
    participant_focused_meeting: false,
    push_change_to_calendar: false,
    alternative_hosts_email_notification: true,
    focus_mode: false,
    private_meeting: false,
    email_notification: true,
    host_save_video_order: false,
    sign_language_interpretation: { enable: false },
  };
}

export function generatePasscode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The `pwd` Zoom puts in `join_url`: opaque, and new whenever the passcode changes. */
function encryptPasscode(password: string): string {
  return password ? randomBytes(24).toString('base64url').slice(0, 32) : '';
}

/** Zoom's dial-in (PSTN/H.323) passcode: the passcode itself when numeric, else a numeric derivative. */
export function numericPasscode(password: string): string {
  if (!password || /^\d+$/.test(password)) return password;
  const digest = createHash('sha256').update(password).digest();
  return [...digest.subarray(0, Math.max(6, password.length))].map((b) => String(b % 10)).join('');
}

function resolveZone(body: MeetingBody, fallback: string, errors: ZoomFieldError[]): string {
  if (body.timezone === undefined) return fallback;
  if (!isValidTimezone(body.timezone)) errors.push({ field: 'timezone', message: `Invalid timezone: ${body.timezone}.` });
  return body.timezone;
}

function resolveStart(body: MeetingBody, zone: string, errors: ZoomFieldError[]): number | undefined {
  if (body.start_time === undefined || errors.some((e) => e.field === 'timezone')) return undefined;
  const ms = parseStartTime(body.start_time, zone);
  if (ms === undefined) {
    errors.push({ field: 'start_time', message: 'Invalid start_time: use yyyy-MM-ddTHH:mm:ssZ (UTC) or yyyy-MM-ddTHH:mm:ss with a timezone.' });
  }
  return ms;
}

/** Every meeting needs a passcode, a waiting room or authentication; a waiting room disables JBH. */
function applySecurityRule(host: User, password: string, settings: Record<string, unknown>): string {
  let passcode = password;
  if (!passcode && settings['waiting_room'] !== true && settings['meeting_authentication'] !== true) {
    if (host.settings.requirePasscode) passcode = generatePasscode();
    else settings['waiting_room'] = true;
  }
  if (settings['waiting_room'] === true) settings['join_before_host'] = false;
  return passcode;
}

/** Builds the record of a new meeting as `POST /users/{userId}/meetings` creates it. */
export function newMeeting(host: User, body: MeetingBody, now: number): MeetingRecord {
  const errors: ZoomFieldError[] = [];
  const timezone = resolveZone(body, host.timezone, errors);
  const start = resolveStart(body, timezone, errors);
  if (errors.length > 0) throw zoomErrors.validation(errors);
  const type = body.type ?? 2;
  const settings = { ...defaultMeetingSettings(host), ...body.settings };
  let password = body.password ?? '';
  if (!password && (body.default_password === true || host.settings.requirePasscode)) password = generatePasscode();
  password = applySecurityRule(host, password, settings);
  return {
    id: ids.meetingId(),
    uuid: ids.uuid(),
    hostId: host.id,
    topic: body.topic || `${host.firstName} ${host.lastName}'s Zoom Meeting`,
    type,
    // Instant meetings start now; scheduled ones without a start time too (as Zoom does).
    startTime: type === 1 ? now : (start ?? now),
    duration: body.duration ?? 60,
    timezone,
    agenda: body.agenda ?? '',
    password,
    createdAt: now,
    status: 'waiting',
    settings,
    encryptedPassword: encryptPasscode(password),
  };
}

/** The top-level fields a PATCH changed, with their previous values (for `meeting.updated`). */
export interface MeetingChange {
  changed: string[];
  before: MeetingRecord;
}

/** Applies a PATCH body to a meeting, in place. */
export function patchMeeting(meeting: MeetingRecord, host: User, body: MeetingBody): MeetingChange {
  const before: MeetingRecord = { ...meeting, settings: { ...meeting.settings } };
  const errors: ZoomFieldError[] = [];
  const timezone = resolveZone(body, meeting.timezone, errors);
  const start = resolveStart(body, timezone, errors);
  if (errors.length > 0) throw zoomErrors.validation(errors);
  if (body.topic !== undefined) meeting.topic = body.topic || meeting.topic;
  if (body.type !== undefined) meeting.type = body.type;
  if (body.duration !== undefined) meeting.duration = body.duration;
  if (body.agenda !== undefined) meeting.agenda = body.agenda;
  meeting.timezone = timezone;
  if (start !== undefined) meeting.startTime = start;
  if (body.settings) meeting.settings = { ...meeting.settings, ...body.settings };
  let password = meeting.password;
  if (body.password !== undefined) {
    // An account that requires passcodes does not let a meeting drop its passcode.
    password = body.password || (host.settings.requirePasscode ? meeting.password || generatePasscode() : '');
  }
  password = applySecurityRule(host, password, meeting.settings);
  if (password !== meeting.password) {
    meeting.password = password;
    meeting.encryptedPassword = encryptPasscode(password);
  }
  const changed = changedFields(before, meeting);
  return { changed, before };
}

const comparable: Array<[string, (m: MeetingRecord) => unknown]> = [
  ['topic', (m) => m.topic],
  ['type', (m) => m.type],
  ['start_time', (m) => m.startTime],
  ['duration', (m) => m.duration],
  ['timezone', (m) => m.timezone],
  ['agenda', (m) => m.agenda],
  ['password', (m) => m.password],
  ['settings', (m) => JSON.stringify(m.settings)],
];

function changedFields(before: MeetingRecord, after: MeetingRecord): string[] {
  return comparable.filter(([, read]) => read(before) !== read(after)).map(([name]) => name);
}
