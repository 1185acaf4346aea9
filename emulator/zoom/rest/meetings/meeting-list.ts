import type { MeetingRecord } from '../../state/model.ts';
import { zoomErrors } from '../zoom-errors.ts';

/** The `type` filter of `GET /users/{userId}/meetings`. */
export const listTypes = ['scheduled', 'live', 'upcoming', 'upcoming_meetings', 'previous_meetings'] as const;
export type ListType = (typeof listTypes)[number];

export function readListType(value: unknown): ListType {
  if (value === undefined || value === '') return 'scheduled';
  if (typeof value === 'string' && (listTypes as readonly string[]).includes(value)) return value as ListType;
  throw zoomErrors.validation([{ field: 'type', message: 'Invalid field.' }]);
}

const endOf = (m: MeetingRecord) => m.startTime + m.duration * 60_000;

/**
 * Which of a host's meetings a list type shows: `scheduled` all unexpired ones, `live` those in
 * progress, `upcoming` those in progress or not yet over, `previous_meetings` those ended or past.
 * Ordered by start time.
 */
export function meetingsOfType(all: Iterable<MeetingRecord>, hostId: string, type: ListType, now: number): MeetingRecord[] {
  const keep = (m: MeetingRecord): boolean => {
    switch (type) {
      case 'scheduled': return true;
      case 'live': return m.status === 'started';
      case 'upcoming':
      case 'upcoming_meetings': return m.status === 'started' || (m.status === 'waiting' && endOf(m) >= now);
      case 'previous_meetings': return m.status === 'ended' || (m.status === 'waiting' && endOf(m) < now);
    }
  };
  const out: MeetingRecord[] = [];
  for (const m of all) if (m.hostId === hostId && keep(m)) out.push(m);
  return out.sort((a, b) => a.startTime - b.startTime || a.createdAt - b.createdAt);
}
