import { DateTime } from 'luxon';
import { z } from 'zod';
import { timeZoneField } from '../../scheduling/booking-page-input.ts';

// The schemas of the Zoom actions under /api/v1/connections/{id}/zoom: what automations send, and
// the typed shapes Zoom's answers are given. A field not listed here is not sent: no start link, no
// Zoom download URL, no token.

export const connectionParams = z.object({ id: z.uuid('a connection id') });

const meetingId = z.string().regex(/^\d{1,20}$/, 'a Zoom meeting id (digits)').describe('The Zoom meeting id');
export const meetingParams = connectionParams.extend({ meetingId });

/** Zoom's recordings take a meeting id (its latest recorded instance) or one instance's UUID. */
const meetingOrInstance = z.string().regex(/^(\d{1,20}|[A-Za-z0-9+/=_-]{16,64})$/, 'a Zoom meeting id or meeting UUID')
  .describe('A Zoom meeting id (its latest recorded instance) or a meeting instance’s UUID (URL-encoded)');
export const meetingRecordingsParams = connectionParams.extend({ meetingId: meetingOrInstance });
export const recordingFileParams = connectionParams.extend({
  meetingId: meetingOrInstance,
  fileId: z.string().min(1).max(128).describe('The recording file’s id'),
  disposition: z.enum(['play', 'download']).describe('play: shown inline; download: saved as an attachment'),
});

export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional()
    .describe('Makes the create safe to retry: the same key with the same body gives the same meeting, once. Kept 24 hours per connection.'),
});

const start = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time with an offset, for example 2026-11-01T14:00:00Z' })
  .describe('When the meeting starts, with its UTC offset');
const settingsInput = z.object({
  waitingRoom: z.boolean().optional(),
  joinBeforeHost: z.boolean().optional().describe('Ignored by Zoom while the waiting room is on'),
  muteUponEntry: z.boolean().optional(),
  autoRecording: z.enum(['none', 'local', 'cloud']).optional(),
}).strict().describe('Settings left out stay the host’s Zoom defaults');

const meetingFields = {
  topic: z.string().trim().min(1, 'a topic is required').max(200),
  agenda: z.string().max(2000),
  start,
  durationMinutes: z.number().int().min(1).max(1440),
  timeZone: timeZoneField.describe('The IANA zone Zoom shows the meeting in (default: the host’s)'),
  settings: settingsInput,
};

export const createMeetingBody = z.object({
  ...meetingFields,
  agenda: meetingFields.agenda.default(''),
  timeZone: meetingFields.timeZone.optional(),
  settings: settingsInput.default({}),
}).strict();

export const updateMeetingBody = z.object({
  topic: meetingFields.topic.optional(),
  agenda: meetingFields.agenda.optional(),
  start: start.optional(),
  durationMinutes: meetingFields.durationMinutes.optional(),
  timeZone: meetingFields.timeZone.optional(),
  settings: settingsInput.optional(),
}).strict().refine((body) => Object.values(body).some((value) => value !== undefined), 'name at least one field to change');

const utcDate = z.iso.date('a date as YYYY-MM-DD');
export const recordingsQuery = z.object({
  from: utcDate.describe('First UTC day (YYYY-MM-DD)'),
  to: utcDate.describe('Last UTC day (YYYY-MM-DD), at most one month after `from`: Zoom lists a month per call'),
  pageToken: z.string().max(500).optional().describe('The `nextPageToken` of the previous page'),
}).strict().superRefine((query, issues) => {
  const from = DateTime.fromISO(query.from, { zone: 'utc' });
  const to = DateTime.fromISO(query.to, { zone: 'utc' });
  if (to < from) issues.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (to > from.plus({ months: 1 })) {
    issues.addIssue({ code: 'custom', path: ['to'], message: `Zoom lists at most one month per call: use a date no later than ${from.plus({ months: 1 }).toISODate()}, and ask again for the rest` });
  }
});

const instant = z.iso.datetime();

export const meetingView = z.object({
  id: z.string().describe('Zoom’s meeting id (an int64, as text)'),
  uuid: z.string(),
  hostId: z.string().describe('The Zoom user hosting it'),
  topic: z.string(),
  agenda: z.string().describe('As Zoom holds it; a meeting created with an Idempotency-Key ends with a `Confer request …` line'),
  type: z.number().int().nullable().describe('1 instant, 2 scheduled, 3 recurring without a fixed time, 8 recurring at fixed times'),
  status: z.string().nullable().describe('Zoom’s status: waiting or started'),
  start: instant.nullable().describe('The start as a UTC instant; null when the meeting has no fixed time'),
  durationMinutes: z.number().int().nullable(),
  timeZone: z.string().nullable(),
  joinUrl: z.string().describe('The link participants join with (carries the passcode)'),
  passcode: z.string(),
  settings: z.object({
    waitingRoom: z.boolean().nullable(),
    joinBeforeHost: z.boolean().nullable(),
    muteUponEntry: z.boolean().nullable(),
    autoRecording: z.enum(['none', 'local', 'cloud']).nullable(),
  }),
  createdAt: instant.nullable(),
}).describe('A Zoom meeting. There is no start link: it lets anyone holding it start the meeting as its host, so it stays in Zoom.');

const recordingFileView = z.object({
  id: z.string(),
  fileType: z.string().describe('MP4, M4A, TRANSCRIPT, CHAT, …'),
  fileExtension: z.string(),
  fileSize: z.number().int().describe('Bytes'),
  recordingType: z.string().nullable().describe('Zoom’s recording type, such as shared_screen_with_speaker_view'),
  recordingStart: instant.nullable(),
  recordingEnd: instant.nullable(),
  status: z.string(),
  playUrl: z.url().describe('Confer’s URL streaming the file from Zoom inline; call it with the same API key'),
  downloadUrl: z.url().describe('The same, as an attachment'),
});

export const meetingRecordingView = z.object({
  meetingId: z.string(),
  meetingUuid: z.string().describe('The recorded instance'),
  topic: z.string().nullable(),
  start: instant.nullable(),
  durationMinutes: z.number().int().nullable(),
  totalSize: z.number().int().nullable().describe('Bytes, all files together'),
  files: z.array(recordingFileView),
}).describe('One recorded instance of a meeting. Zoom’s own download links need the host’s access token, so files are reached through Confer instead.');

export const userRecordingsView = z.object({
  from: z.string(),
  to: z.string(),
  meetings: z.array(meetingRecordingView),
  nextPageToken: z.string().nullable().describe('Pass as `pageToken` for the next page; null on the last'),
});

export const zoomUserView = z.object({
  id: z.string(),
  accountId: z.string(),
  email: z.string(),
  name: z.string(),
  timeZone: z.string().nullable(),
}).describe('The Zoom user the connection acts for');
