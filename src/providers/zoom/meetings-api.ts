import { z } from 'zod';
import { sendZoomApiRequest } from './api-request.ts';
import type { ZoomApi } from './zoom-call-observer.ts';

// Zoom's meeting operations as Confer uses them: each is a request function and a zod schema for
// its answer, so a changed or odd answer fails loudly here instead of deep in a booking.

const idText = z.union([z.string(), z.number()]).transform(String);

const meetingSchema = z.object({
  id: idText,
  uuid: z.string(),
  host_id: z.string(),
  topic: z.string().default(''),
  agenda: z.string().optional().default(''),
  type: z.number().optional(),
  status: z.string().optional(),
  start_time: z.string().optional(),
  duration: z.number().optional(),
  timezone: z.string().optional(),
  created_at: z.string().optional(),
  join_url: z.string(),
  start_url: z.string().optional(),
  password: z.string().optional().default(''),
  settings: z.object({
    waiting_room: z.boolean().optional(),
    join_before_host: z.boolean().optional(),
    mute_upon_entry: z.boolean().optional(),
    auto_recording: z.string().optional(),
  }).optional().default({}),
});

/** A scheduled Zoom meeting, as Confer keeps it. `id` is text: it is an int64. */
export interface ZoomMeeting {
  id: string;
  uuid: string;
  hostId: string;
  topic: string;
  agenda: string;
  /** 1 instant, 2 scheduled, 3 recurring without a fixed time, 8 recurring at fixed times. */
  type: number | undefined;
  /** `waiting` or `started`, as Zoom says. */
  status: string | undefined;
  startTime: string | undefined;
  durationMinutes: number | undefined;
  timeZone: string | undefined;
  createdAt: string | undefined;
  joinUrl: string;
  startUrl: string | undefined;
  passcode: string;
  /** The few settings Confer sets; others stay Zoom's business. */
  settings: { waitingRoom?: boolean; joinBeforeHost?: boolean; muteUponEntry?: boolean; autoRecording?: string };
}

export function parseZoomMeeting(body: unknown): ZoomMeeting {
  const m = meetingSchema.parse(body);
  return {
    id: m.id, uuid: m.uuid, hostId: m.host_id, topic: m.topic, agenda: m.agenda, type: m.type, status: m.status,
    startTime: m.start_time, durationMinutes: m.duration, timeZone: m.timezone, createdAt: m.created_at,
    joinUrl: m.join_url, startUrl: m.start_url, passcode: m.password,
    settings: {
      ...(m.settings.waiting_room === undefined ? {} : { waitingRoom: m.settings.waiting_room }),
      ...(m.settings.join_before_host === undefined ? {} : { joinBeforeHost: m.settings.join_before_host }),
      ...(m.settings.mute_upon_entry === undefined ? {} : { muteUponEntry: m.settings.mute_upon_entry }),
      ...(m.settings.auto_recording === undefined ? {} : { autoRecording: m.settings.auto_recording }),
    },
  };
}

/** The settings Confer sets on a meeting (the rest stay the host's Zoom defaults). */
export interface MeetingSettingsInput {
  waitingRoom: boolean;
  passcodeRequired: boolean;
  joinBeforeHost: boolean;
  autoRecording: 'none' | 'local' | 'cloud';
  muteUponEntry: boolean;
}

export interface MeetingInput {
  topic: string;
  agenda: string;
  /** A UTC instant; sent as `yyyy-MM-ddTHH:mm:ssZ`. */
  start: Date;
  durationMinutes: number;
  /** Shown to the host in Zoom; the instant itself is `start`. Left out, Zoom uses the host's zone. */
  timeZone?: string | undefined;
  /** Settings left out stay the host's Zoom defaults. */
  settings: Partial<MeetingSettingsInput>;
}

/** What an update may change; anything left out stays as it is in Zoom. */
export type MeetingChange = Partial<Omit<MeetingInput, 'settings'>> & { settings?: Partial<Omit<MeetingSettingsInput, 'passcodeRequired'>> };

const zoomUtc = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/** Zoom's names for the settings given; a waiting room turns join-before-host off, as Zoom would. */
function settingsBody(settings: Partial<MeetingSettingsInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (settings.waitingRoom !== undefined) body.waiting_room = settings.waitingRoom;
  if (settings.joinBeforeHost !== undefined) body.join_before_host = settings.waitingRoom ? false : settings.joinBeforeHost;
  if (settings.muteUponEntry !== undefined) body.mute_upon_entry = settings.muteUponEntry;
  if (settings.autoRecording !== undefined) body.auto_recording = settings.autoRecording;
  return body;
}

/** The JSON body of create. A passcode is asked of Zoom (`default_password`), which generates it by the account's rules. */
export function meetingBody(input: MeetingInput): Record<string, unknown> {
  return {
    topic: input.topic.slice(0, 200),
    type: 2,
    start_time: zoomUtc(input.start),
    duration: input.durationMinutes,
    ...(input.timeZone === undefined ? {} : { timezone: input.timeZone }),
    agenda: input.agenda.slice(0, 2000),
    ...(input.settings.passcodeRequired ? { default_password: true } : {}),
    settings: { ...settingsBody(input.settings), approval_type: 2 },
  };
}

/** The JSON body of update: only what changes. */
export function meetingChangeBody(change: MeetingChange): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (change.topic !== undefined) body.topic = change.topic.slice(0, 200);
  if (change.agenda !== undefined) body.agenda = change.agenda.slice(0, 2000);
  if (change.start !== undefined) body.start_time = zoomUtc(change.start);
  if (change.durationMinutes !== undefined) body.duration = change.durationMinutes;
  if (change.timeZone !== undefined) body.timezone = change.timeZone;
  const settings = change.settings ? settingsBody(change.settings) : {};
  if (Object.keys(settings).length > 0) body.settings = settings;
  return body;
}

/** `POST /users/me/meetings` (meeting:write or meeting:write:meeting). */
export async function createMeeting(api: ZoomApi, accessToken: string, input: MeetingInput): Promise<ZoomMeeting> {
  const { body } = await sendZoomApiRequest(api, accessToken, { operation: 'meetings.create', method: 'POST', path: '/users/me/meetings', body: meetingBody(input) });
  return parseZoomMeeting(body);
}

/** `GET /meetings/{id}`. */
export async function getMeeting(api: ZoomApi, accessToken: string, meetingId: string): Promise<ZoomMeeting> {
  const { body } = await sendZoomApiRequest(api, accessToken, { operation: 'meetings.get', method: 'GET', path: `/meetings/${encodeURIComponent(meetingId)}` });
  return parseZoomMeeting(body);
}

/** `PATCH /meetings/{id}`: Zoom answers 204 with no body. */
export async function updateMeeting(api: ZoomApi, accessToken: string, meetingId: string, change: MeetingChange): Promise<void> {
  await sendZoomApiRequest(api, accessToken, { operation: 'meetings.update', method: 'PATCH', path: `/meetings/${encodeURIComponent(meetingId)}`, body: meetingChangeBody(change) });
}

/** `DELETE /meetings/{id}` without Zoom's own reminder emails: Confer sends the cancellation. */
export async function deleteMeeting(api: ZoomApi, accessToken: string, meetingId: string): Promise<void> {
  await sendZoomApiRequest(api, accessToken, {
    operation: 'meetings.delete',
    method: 'DELETE',
    path: `/meetings/${encodeURIComponent(meetingId)}`,
    query: { schedule_for_reminder: 'false', cancel_meeting_reminder: 'false' },
  });
}

const listSchema = z.object({
  next_page_token: z.string().optional().default(''),
  meetings: z.array(z.object({
    id: idText,
    uuid: z.string(),
    host_id: z.string().optional().default(''),
    topic: z.string().default(''),
    agenda: z.string().optional().default(''),
    start_time: z.string().optional(),
    join_url: z.string().optional().default(''),
  })).default([]),
});

/** One page of `GET /users/me/meetings?type=scheduled`; items lack start_url and passcode. */
export async function listScheduledMeetings(api: ZoomApi, accessToken: string, pageToken?: string): Promise<{ meetings: Array<Pick<ZoomMeeting, 'id' | 'uuid' | 'topic' | 'agenda' | 'startTime'>>; nextPageToken: string }> {
  const { body } = await sendZoomApiRequest(api, accessToken, {
    operation: 'meetings.list',
    method: 'GET',
    path: '/users/me/meetings',
    query: { type: 'scheduled', page_size: 300, next_page_token: pageToken || undefined },
  });
  const page = listSchema.parse(body);
  return {
    meetings: page.meetings.map((m) => ({ id: m.id, uuid: m.uuid, topic: m.topic, agenda: m.agenda, startTime: m.start_time })),
    nextPageToken: page.next_page_token,
  };
}

const settingsSchema = z.object({
  schedule_meeting: z.object({
    join_before_host: z.boolean().optional(),
    mute_upon_entry: z.boolean().optional(),
    require_password_for_scheduling_new_meetings: z.boolean().optional(),
  }).partial().optional().default({}),
  in_meeting: z.object({ waiting_room: z.boolean().optional() }).partial().optional().default({}),
  recording: z.object({ auto_recording: z.enum(['local', 'cloud', 'none']).optional() }).partial().optional().default({}),
});

/** `GET /users/me/settings`, reduced to the meeting options a booking page sets. */
export async function getMeetingDefaults(api: ZoomApi, accessToken: string): Promise<MeetingSettingsInput> {
  const { body } = await sendZoomApiRequest(api, accessToken, { operation: 'users.settings', method: 'GET', path: '/users/me/settings' });
  const s = settingsSchema.parse(body);
  return {
    waitingRoom: s.in_meeting.waiting_room ?? true,
    passcodeRequired: s.schedule_meeting.require_password_for_scheduling_new_meetings ?? true,
    joinBeforeHost: s.schedule_meeting.join_before_host ?? false,
    autoRecording: s.recording.auto_recording ?? 'none',
    muteUponEntry: s.schedule_meeting.mute_upon_entry ?? false,
  };
}
