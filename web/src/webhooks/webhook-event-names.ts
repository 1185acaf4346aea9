/** The events a subscription may ask for, in the words the page shows beside each checkbox. */
export const webhookEvents: Array<{ type: string; label: string; description: string }> = [
  { type: 'booking.created', label: 'Booking created', description: 'A customer booked a time.' },
  { type: 'booking.rescheduled', label: 'Booking rescheduled', description: 'A booking moved to another time.' },
  { type: 'booking.cancelled', label: 'Booking cancelled', description: 'The customer or the host cancelled.' },
  { type: 'meeting.provisioned', label: 'Meeting ready', description: 'Zoom created the meeting; the join link is in the event.' },
  { type: 'meeting.failed', label: 'Meeting failed', description: 'Zoom could not create or change the meeting; someone must act.' },
  { type: 'recording.ready', label: 'Recording ready', description: 'Zoom finished a cloud recording of a booking’s meeting.' },
  { type: 'connection.needs_reauthorization', label: 'Connection needs re-authorization', description: 'Zoom stopped accepting a connection’s tokens.' },
  { type: 'connection.revoked', label: 'Connection revoked', description: 'The Zoom user removed Confer’s app in Zoom.' },
];

export const eventLabel = (type: string): string => (type === 'ping' ? 'Test (ping)' : webhookEvents.find((event) => event.type === type)?.label ?? type);
