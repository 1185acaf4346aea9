import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** One booking as a calendar event: the same UID for its whole life, a higher SEQUENCE for each change. */
export interface CalendarInviteInput {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  /** UTC instants: calendar clients place them in the reader's zone themselves. */
  start: Date;
  end: Date;
  summary: string;
  description: string;
  /** The join URL (or a note that it follows). */
  location: string;
  url?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The `.ics` text for an invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL). */
export function calendarInvite(input: CalendarInviteInput): string {
  const calendar = ical({
    prodId: { company: 'Confer', product: 'Confer', language: 'EN' },
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    start: input.start,
    end: input.end,
    stamp: new Date(),
    summary: input.summary,
    description: input.description,
    location: input.location,
    ...(input.url ? { url: input.url } : {}),
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [{
      name: input.attendee.name,
      email: input.attendee.email,
      role: ICalAttendeeRole.REQ,
      status: input.method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
    }],
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
