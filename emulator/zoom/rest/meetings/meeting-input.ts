import { z } from 'zod';
import { zoomErrors, type ZoomFieldError } from '../zoom-errors.ts';

/**
 * The body of `POST /users/{userId}/meetings` and `PATCH /meetings/{meetingId}`, checked as Zoom
 * checks it. Unknown fields are dropped (Zoom ignores them); known fields of the wrong type or
 * over their limits are a 300 "Validation Failed." naming each field.
 */

const passcodeRule = 'Password can only contain the following characters: [a-z A-Z 0-9 @ - _ *] and max 10 characters.';

const intIn = <T extends number>(...values: T[]) =>
  z.number().int().refine((n): n is T => (values as number[]).includes(n), { message: `Must be one of ${values.join(', ')}.` });

/** The meeting `settings` keys of the OpenAPI request schema; nested objects are kept as given. */
const settingsSchema = z.object({
  host_video: z.boolean(),
  participant_video: z.boolean(),
  cn_meeting: z.boolean(),
  in_meeting: z.boolean(),
  join_before_host: z.boolean(),
  jbh_time: intIn(0, 5, 10),
  mute_upon_entry: z.boolean(),
  watermark: z.boolean(),
  use_pmi: z.boolean(),
  approval_type: intIn(0, 1, 2),
  registration_type: intIn(1, 2, 3),
  audio: z.enum(['both', 'telephony', 'voip', 'thirdParty']),
  auto_recording: z.enum(['local', 'cloud', 'none']),
  alternative_hosts: z.string(),
  alternative_hosts_email_notification: z.boolean(),
  alternative_host_update_polls: z.boolean(),
  close_registration: z.boolean(),
  waiting_room: z.boolean(),
  contact_name: z.string(),
  contact_email: z.string(),
  registrants_confirmation_email: z.boolean(),
  registrants_email_notification: z.boolean(),
  meeting_authentication: z.boolean(),
  authentication_option: z.string(),
  authentication_domains: z.string(),
  authentication_exception: z.array(z.object({ email: z.string().optional(), name: z.string().optional() })),
  additional_data_center_regions: z.array(z.string()),
  global_dial_in_countries: z.array(z.string()),
  audio_conference_info: z.string().max(2048),
  show_share_button: z.boolean(),
  allow_multiple_devices: z.boolean(),
  encryption_type: z.enum(['enhanced_encryption', 'e2ee']),
  calendar_type: intIn(1, 2),
  focus_mode: z.boolean(),
  private_meeting: z.boolean(),
  email_notification: z.boolean(),
  host_save_video_order: z.boolean(),
  internal_meeting: z.boolean(),
  participant_focused_meeting: z.boolean(),
  push_change_to_calendar: z.boolean(),
  meeting_invitees: z.array(z.object({ email: z.string() })),
  approved_or_denied_countries_or_regions: z.record(z.string(), z.unknown()),
  breakout_room: z.record(z.string(), z.unknown()),
  language_interpretation: z.record(z.string(), z.unknown()),
  sign_language_interpretation: z.record(z.string(), z.unknown()),
  continuous_meeting_chat: z.record(z.string(), z.unknown()),
  resources: z.array(z.record(z.string(), z.unknown())),
}).partial();

export type MeetingSettingsInput = z.infer<typeof settingsSchema>;

const meetingBodySchema = z.object({
  topic: z.string().max(200, 'Topic can be at most 200 characters.'),
  type: intIn(1, 2, 3, 8),
  start_time: z.string(),
  duration: z.number().int('Duration must be a whole number of minutes.').min(1, 'Duration must be at least 1 minute.'),
  timezone: z.string(),
  password: z.string().max(10, passcodeRule).regex(/^[a-zA-Z0-9@_*-]*$/, passcodeRule),
  default_password: z.boolean(),
  agenda: z.string().max(2000, 'Agenda can be at most 2000 characters.'),
  pre_schedule: z.boolean(),
  schedule_for: z.string(),
  template_id: z.string(),
  recurrence: z.object({ type: intIn(1, 2, 3) }).loose(),
  tracking_fields: z.array(z.object({ field: z.string(), value: z.string().optional() })),
  settings: settingsSchema,
}).partial();

export type MeetingBody = z.infer<typeof meetingBodySchema>;

/** Parses a meeting body; a missing body is an empty one (Zoom then applies every default). */
export function parseMeetingBody(body: unknown): MeetingBody {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw zoomErrors.invalidParameter('Request Body should be a valid JSON object.');
  const result = meetingBodySchema.safeParse(body);
  if (result.success) return result.data;
  // One error per field, as Zoom reports them.
  const byField = new Map<string, ZoomFieldError>();
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || 'body';
    const message = issue.message.startsWith('Invalid input') || issue.message.startsWith('Expected') ? 'Invalid field.' : issue.message;
    if (!byField.has(field)) byField.set(field, { field, message });
  }
  throw zoomErrors.validation([...byField.values()]);
}
