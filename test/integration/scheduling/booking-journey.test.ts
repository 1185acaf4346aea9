import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../../support/connections.ts';
import { mailCalendar, mailSubject, mailText } from '../../support/mail-parts.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
let host: SeededUser;
let connectionId: string;
let slug: string;

interface EmulatorMeeting { id: string; startTimeIso: string; status: string; hostId: string }
const emulatorMeetings = async () => (await callJson<{ meetings: EmulatorMeeting[] }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));
const hostApi = () => apiAs(confer.url, host.cookie);
const bookingOf = async (id: string) => (await hostApi().get(`/api/v1/bookings/${id}`)).body;
const parseIcs = (text: string) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    location: event.getFirstPropertyValue('location'),
    organizer: String(event.getFirstPropertyValue('organizer')),
    attendee: String(event.getFirstPropertyValue('attendee')),
  };
};
const linkIn = (text: string, label: 'Reschedule' | 'Cancel') => new RegExp(`${label}: (\\S+/manage/(\\S+))`).exec(text)![2]!;
const nextDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({ smtp: sink });
  host = await seedUser(confer.confer.database.db, { name: 'Harriet Host', email: 'harriet@example.com' });
  connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  slug = (await createPage(confer.url, host, pageBody(connectionId))).slug;
});
afterAll(async () => {
  await confer?.close();
  await sink?.close();
});

describe('a customer books a host’s page', () => {
  let bookingId: string;
  let start: string;

  it('lists free times in the customer’s zone and books one: one Zoom meeting, one confirmation with everything in it', async () => {
    const day = nextDays(3);
    const slots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=Asia/Kolkata`);
    expect(slots.status).toBe(200);
    expect(slots.body.slots.length).toBe(48);
    expect(slots.body.slots.every((s: { date: string }) => s.date === day)).toBe(true);
    start = slots.body.slots[20].start;

    const booked = await book(confer.url, slug, { start, notes: 'About the launch' });
    expect(booked.status).toBe(201);
    bookingId = booked.body.id;

    const ready = await eventually('the meeting', async () => {
      const b = await bookingOf(bookingId);
      return b.meeting.status === 'ready' && b.emails.every((e: { status: string }) => e.status === 'sent') && b.emails.length === 2 ? b : undefined;
    });
    expect(ready.meeting.zoomMeetingId).toMatch(/^\d+$/);
    expect(ready.meeting.startUrl).toMatch(/^http/);
    const atStart = (await emulatorMeetings()).filter((m) => m.startTimeIso === start.replace('.000Z', 'Z'));
    expect(atStart).toHaveLength(1);
    expect(atStart[0]!.id).toBe(ready.meeting.zoomMeetingId);

    const mails = mailsTo('priya@example.in');
    expect(mails).toHaveLength(1);
    const text = mailText(mails[0]!);
    expect(mailSubject(mails[0]!)).toContain('Confirmed: Intro call with Harriet Host');
    expect(text).toContain('India Standard Time (Asia/Kolkata)');
    expect(text).toContain(`Join Zoom meeting: ${ready.meeting.joinUrl}`);
    expect(text).toContain(`Meeting ID: ${ready.meeting.zoomMeetingIdDisplay}`);
    expect(ready.meeting.zoomMeetingIdDisplay.replaceAll(' ', '')).toBe(ready.meeting.zoomMeetingId);
    expect(text).toContain(`Passcode: ${ready.meeting.passcode}`);
    expect(text).toContain('Host: Harriet Host');
    expect(text).toContain('Duration: 30 minutes');
    const [calendar] = mailCalendar(mails[0]!);
    expect(calendar).toBeDefined();
    const ics = parseIcs(calendar!.body);
    expect(ics).toMatchObject({ method: 'REQUEST', sequence: 0, start, location: ready.meeting.joinUrl });
    expect(ics.organizer).toContain('harriet@example.com');
    expect(ics.attendee).toContain('priya@example.in');

    const hostMails = mailsTo('harriet@example.com');
    expect(hostMails.map(mailSubject)).toEqual([expect.stringContaining('New booking: Priya Raman')]);
    expect(mailText(hostMails[0]!)).toContain('Start meeting: http');
    expect(mailText(hostMails[0]!)).toContain('Eastern');
  });

  it('lets exactly one of two customers racing for the same time have it', async () => {
    const day = nextDays(4);
    const slots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`);
    const contested = slots.body.slots[10].start;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => book(confer.url, slug, { start: contested, email: `racer${i}@example.com` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 201);
    expect(losers.every((r) => r.status === 409 && r.body.code === 'BOOKING_SLOT_TAKEN' && r.body.detail === 'That time was just taken. Pick another time.')).toBe(true);
    const after = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`);
    expect(after.body.slots.map((s: { start: string }) => s.start)).not.toContain(contested);
  });

  it('moves the same Zoom meeting when the customer reschedules from the email, with the same UID and a higher SEQUENCE', async () => {
    const first = mailsTo('priya@example.in')[0]!;
    const token = linkIn(mailText(first), 'Reschedule');
    const original = await bookingOf(bookingId);
    const view = await asCustomer(confer.url).get(`/api/v1/public/manage/${token}`);
    expect(view.body).toMatchObject({ action: 'reschedule', booking: { title: 'Intro call', start } });

    const newStart = new Date(new Date(start).getTime() + 2 * 3600_000).toISOString();
    const moved = await asCustomer(confer.url).post(`/api/v1/public/manage/${token}`, { action: 'reschedule', start: newStart });
    expect(moved.status).toBe(200);
    await eventually('the update email', async () => mailsTo('priya@example.in').length === 2);
    const meeting = (await emulatorMeetings()).find((m) => m.id === original.meeting.zoomMeetingId)!;
    expect(meeting.startTimeIso).toBe(newStart.replace('.000Z', 'Z'));
    expect((await emulatorMeetings()).filter((m) => m.startTimeIso === start.replace('.000Z', 'Z'))).toHaveLength(0);

    const update = mailsTo('priya@example.in')[1]!;
    expect(mailSubject(update)).toContain('Updated: Intro call');
    const before = parseIcs(mailCalendar(first)[0]!.body);
    const after = parseIcs(mailCalendar(update)[0]!.body);
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.start).toBe(newStart);

    const reused = await asCustomer(confer.url).post(`/api/v1/public/manage/${token}`, { action: 'reschedule', start });
    expect(reused.status).toBe(404);
    expect(reused.body.code).toBe('MANAGE_LINK_INVALID');
    const oldCancel = await asCustomer(confer.url).post(`/api/v1/public/manage/${linkIn(mailText(first), 'Cancel')}`, { action: 'cancel' });
    expect(oldCancel.body.code).toBe('MANAGE_LINK_INVALID');
    expect((await bookingOf(bookingId)).status).toBe('confirmed');
    start = newStart;
  });

  it('deletes the Zoom meeting and sends METHOD:CANCEL when the customer cancels', async () => {
    const latest = mailsTo('priya@example.in')[1]!;
    const meetingId = (await bookingOf(bookingId)).meeting.zoomMeetingId;
    const wrongUse = await asCustomer(confer.url).post(`/api/v1/public/manage/${linkIn(mailText(latest), 'Cancel')}`, { action: 'reschedule', start });
    expect(wrongUse.body.code).toBe('MANAGE_LINK_INVALID');
    const cancelled = await asCustomer(confer.url).post(`/api/v1/public/manage/${linkIn(mailText(latest), 'Cancel')}`, { action: 'cancel' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.status).toBe('cancelled');
    await eventually('the meeting deleted in Zoom', async () => !(await emulatorMeetings()).some((m) => m.id === meetingId));
    await eventually('the cancellation email', async () => mailsTo('priya@example.in').length === 3);
    const cancellation = mailsTo('priya@example.in')[2]!;
    expect(mailSubject(cancellation)).toContain('Cancelled: Intro call');
    const ics = parseIcs(mailCalendar(cancellation)[0]!.body);
    expect(ics.method).toBe('CANCEL');
    expect(ics.uid).toBe(parseIcs(mailCalendar(latest)[0]!.body).uid);
    await eventually('the meeting status', async () => (await bookingOf(bookingId)).meeting.status === 'cancelled');
  });
});

describe('after the meeting', () => {
  it('marks the booking held and shows the recording, played through Confer', async () => {
    const day = nextDays(5);
    const slots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`);
    const booked = await book(confer.url, slug, { start: slots.body.slots[5].start, email: 'rec@example.com' });
    const ready = await eventually('the meeting', async () => {
      const b = await bookingOf(booked.body.id);
      return b.meeting.status === 'ready' ? b : undefined;
    });
    const ended = await callJson(confer.emulator.url, 'POST', `/_emulator/meetings/${ready.meeting.zoomMeetingId}/end`, {});
    expect(ended.status).toBe(200);
    const withRecording = await eventually('the recording', async () => {
      const b = await bookingOf(booked.body.id);
      return b.status === 'held' && b.recordings.length > 0 ? b : undefined;
    });
    const mp4 = withRecording.recordings.find((r: { fileType: string }) => r.fileType === 'MP4');
    expect(mp4).toBeDefined();
    const download = await fetch(new URL(mp4.downloadPath, confer.url), { headers: { cookie: host.cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('video/mp4');
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect((await download.arrayBuffer()).byteLength).toBe(mp4.fileSize);
    const stranger = await seedUser(confer.confer.database.db);
    expect((await fetch(new URL(mp4.downloadPath, confer.url), { headers: { cookie: stranger.cookie } })).status).toBe(404);
  });

  it('shows a meeting the host deleted in Zoom and recreates it in one click, sending the new link', async () => {
    const day = nextDays(6);
    const slots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`);
    const booked = await book(confer.url, slug, { start: slots.body.slots[7].start, email: 'deleted@example.com' });
    const ready = await eventually('the meeting', async () => {
      const b = await bookingOf(booked.body.id);
      return b.meeting.status === 'ready' && mailsTo('deleted@example.com').length === 1 ? b : undefined;
    });
    expect((await callJson(confer.emulator.url, 'DELETE', `/_emulator/meetings/${ready.meeting.zoomMeetingId}`)).status).toBe(204);
    await eventually('the deletion on the booking', async () => (await bookingOf(booked.body.id)).meeting.status === 'deleted_in_zoom');
    const recreated = await hostApi().post(`/api/v1/bookings/${booked.body.id}/recreate-meeting`);
    expect(recreated.status).toBe(200);
    const fresh = await eventually('the new meeting', async () => {
      const b = await bookingOf(booked.body.id);
      return b.meeting.status === 'ready' && mailsTo('deleted@example.com').length === 2 ? b : undefined;
    });
    expect(fresh.meeting.zoomMeetingId).not.toBe(ready.meeting.zoomMeetingId);
    expect(mailText(mailsTo('deleted@example.com')[1]!)).toContain(fresh.meeting.joinUrl);
  });
});
