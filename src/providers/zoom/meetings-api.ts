import { z } from 'zod';
import { sendZoomApiRequest } from './api-request.ts';

// Zoom's meeting operations as Confer uses them: each is a request function and a zod schema for
// its answer, so a changed or odd answer fails loudly here instead of deep in a booking.

const idText = z.union([z.string(), z.number()]).transform(String);

const meetingSchema = z.object({
  id: idText,
  uuid: z.string(),
  host_id: z.string(),
  topic: z.string().default(''),
  agenda: z.string().optional().default(''),
  start_time: z.string().optional(),
  duration: z.number().optional(),
  join_url: z.string(),
  start_url: z.string().optional(),
  password: z.string().optional().default(''),
});

/** A scheduled Zoom meeting, as Confer keeps it. `id` is text: it is an int64. */
export interface ZoomMeeting {
  id: string;
  uuid: string;
  hostId: string;
  topic: string;
  agenda: string;
  startTime: string | undefined;
  joinUrl: string;
  startUrl: string | undefined;
  passcode: string;
}

export function parseZoomMeeting(body: unknown): ZoomMeeting {
  const m = meetingSchema.parse(body);
  return { id: m.id, uuid: m.uuid, hostId: m.host_id, topic: m.topic, agenda: m.agenda, startTime: m.start_time, joinUrl: m.join_url, startUrl: m.start_url, passcode: m.password };
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
  /** Shown to the host in Zoom; the instant itself is `start`. */
  timeZone: string;
  settings: MeetingSettingsInput;
}

const zoomUtc = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/** The JSON body of create. A passcode is asked of Zoom (`default_password`), which generates it by the account's rules. */
export function meetingBody(input: MeetingInput): Record<string, unknown> {
  return {
    topic: input.topic.slice(0, 200),
    type: 2,
    start_time: zoomUtc(input.start),
    duration: input.durationMinutes,
    timezone: input.timeZone,
    agenda: input.agenda.slice(0, 2000),
    ...(input.settings.passcodeRequired ? { default_password: true } : {}),
    settings: {
      waiting_room: input.settings.waitingRoom,
      join_before_host: input.settings.waitingRoom ? false : input.settings.joinBeforeHost,
      mute_upon_entry: input.settings.muteUponEntry,
      auto_recording: input.settings.autoRecording,
      approval_type: 2,
    },
  };
}

/** `POST /users/me/meetings` (meeting:write or meeting:write:meeting). */
export async function createMeeting(apiUrl: string, accessToken: string, input: MeetingInput): Promise<ZoomMeeting> {
  const { body } = await sendZoomApiRequest(apiUrl, accessToken, { method: 'POST', path: '/users/me/meetings', body: meetingBody(input) });
  return parseZoomMeeting(body);
}

/** `GET /meetings/{id}`. */
export async function getMeeting(apiUrl: string, accessToken: string, meetingId: string): Promise<ZoomMeeting> {
  const { body } = await sendZoomApiRequest(apiUrl, accessToken, { method: 'GET', path: `/meetings/${encodeURIComponent(meetingId)}` });
  return parseZoomMeeting(body);
}

/** `PATCH /meetings/{id}`: Zoom answers 204 with no body. */
export async function updateMeeting(apiUrl: string, accessToken: string, meetingId: string, input: Partial<MeetingInput> & Pick<MeetingInput, 'start' | 'durationMinutes'>): Promise<void> {
  const body: Record<string, unknown> = { start_time: zoomUtc(input.start), duration: input.durationMinutes };
  if (input.timeZone) body.timezone = input.timeZone;
  if (input.topic) body.topic = input.topic.slice(0, 200);
  await sendZoomApiRequest(apiUrl, accessToken, { method: 'PATCH', path: `/meetings/${encodeURIComponent(meetingId)}`, body });
}

/** `DELETE /meetings/{id}` without Zoom's own reminder emails: Confer sends the cancellation. */
export async function deleteMeeting(apiUrl: string, accessToken: string, meetingId: string): Promise<void> {
  await sendZoomApiRequest(apiUrl, accessToken, {
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
export async function listScheduledMeetings(apiUrl: string, accessToken: string, pageToken?: string): Promise<{ meetings: Array<Pick<ZoomMeeting, 'id' | 'uuid' | 'topic' | 'agenda' | 'startTime'>>; nextPageToken: string }> {
  const { body } = await sendZoomApiRequest(apiUrl, accessToken, {
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
export async function getMeetingDefaults(apiUrl: string, accessToken: string): Promise<MeetingSettingsInput> {
  const { body } = await sendZoomApiRequest(apiUrl, accessToken, { method: 'GET', path: '/users/me/settings' });
  const s = settingsSchema.parse(body);
  return {
    waitingRoom: s.in_meeting.waiting_room ?? true,
    passcodeRequired: s.schedule_meeting.require_password_for_scheduling_new_meetings ?? true,
    joinBeforeHost: s.schedule_meeting.join_before_host ?? false,
    autoRecording: s.recording.auto_recording ?? 'none',
    muteUponEntry: s.schedule_meeting.mute_upon_entry ?? false,
  };
}
