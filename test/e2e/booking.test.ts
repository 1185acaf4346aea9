import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { callJson } from '../../emulator/zoom/testing/control-client.ts';
import { sessionCookieName } from '../../src/accounts/sessions.ts';
import { seedUser, type SeededUser } from '../support/accounts.ts';
import { apiAs } from '../support/api-client.ts';
import { book } from '../support/booking.ts';
import { eventually } from '../support/eventually.ts';
import { workDrained } from '../support/work-drained.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../support/connections.ts';
import { mailCalendar, mailSubject, mailText } from '../support/mail-parts.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { describeBrowser, newPage, screenshot } from './support/browser.ts';

// The day US daylight saving time ends next (first Sunday of November): New York's 09:00 that
// morning is 14:00 UTC, 7:30 PM in Kolkata, which has no daylight saving at all.
const dstEndDay = '2027-11-07';
const firstStart = '2027-11-07T14:00:00.000Z';
const movedStart = '2027-11-07T15:00:00.000Z';
const customer = { name: 'Priya Raman', email: 'priya.raman@example.in' };

describeBrowser('Booking a host’s page, from the customer’s browser to Zoom and back', (session) => {
  let confer: TestConfer;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let host: SeededUser;
  let slug: string;

  const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));
  const meetings = async () => (await callJson<{ meetings: Array<{ id: string; startTimeIso: string }> }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
  const ics = (text: string) => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = calendar.getFirstSubcomponent('vevent')!;
    return {
      method: calendar.getFirstPropertyValue('method'),
      uid: event.getFirstPropertyValue('uid'),
      sequence: Number(event.getFirstPropertyValue('sequence')),
      start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      location: event.getFirstPropertyValue('location'),
    };
  };
  const manageLink = (text: string, label: 'Reschedule' | 'Cancel') => new RegExp(`${label}: (\\S+/manage/\\S+)`).exec(text)![1]!;

  /** Pages the calendar forward to `date` and picks it. */
  async function showDay(page: Page, date: string): Promise<void> {
    await page.getByRole('button', { name: 'Next month' }).waitFor();
    for (let i = 0; i < 24 && !(await page.locator(`[data-date="${date}"]`).count()); i++) {
      await page.getByRole('button', { name: 'Next month' }).click();
    }
    await page.locator(`[data-date="${date}"]`).click();
  }

  async function signedInPage(): Promise<Page> {
    const page = await newPage(session.browser, undefined, { timezoneId: 'America/New_York', locale: 'en-US' });
    const token = host.cookie.slice(sessionCookieName.length + 1);
    await page.context().addCookies([{ name: sessionCookieName, value: token, url: confer.url }]);
    return page;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    confer = await startTestConfer({ smtp: sink });
    host = await seedUser(confer.confer.database.db, { name: 'Harriet Host', email: 'harriet@example.com', role: 'owner' });
    await connectZoom(confer.url, host, zoomDemoOwner);
  });
  afterAll(async () => {
    await confer?.close();
    await sink?.close();
  });

  test('the host makes a booking page in New York time in the editor', async () => {
    const page = await signedInPage();
    await page.goto(`${confer.url}/booking-pages`);
    await page.getByRole('link', { name: 'New booking page' }).click();
    await page.getByLabel('Title').fill('Strategy session');
    await page.getByLabel('URL slug').fill('strategy-session');
    await page.getByLabel('Time zone', { exact: true }).selectOption('America/New_York');
    await page.getByRole('checkbox', { name: 'Sunday' }).check();
    await page.getByLabel('Sunday from', { exact: true }).fill('09:00');
    await page.getByLabel('Sunday to', { exact: true }).fill('12:00');
    await page.getByLabel('Minimum notice (minutes)').fill('0');
    await page.getByLabel('How far ahead (days)').fill('400');
    expect(await page.getByLabel('Zoom connection').inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('strategy-session').first().waitFor();
    const pages = (await apiAs(confer.url, host.cookie).get('/api/v1/booking-pages')).body.bookingPages;
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ slug: 'strategy-session', timeZone: 'America/New_York', published: true, publishProblem: null });
    expect(pages[0].weeklyHours.sun).toEqual([['09:00', '12:00']]);
    slug = pages[0].slug;
    await screenshot(page, 'booking-pages');
  });

  test('journey 1: a customer in Kolkata books the day US daylight saving time ends; page, email, .ics and Zoom name the same instant', async () => {
    const page = await newPage(session.browser, undefined, { timezoneId: 'Asia/Kolkata', locale: 'en-US' });
    await page.goto(`${confer.url}/book/${slug}`);
    await page.getByRole('heading', { name: 'Strategy session' }).waitFor();
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Asia/Kolkata');
    await page.getByText('Times in India Standard Time (Asia/Kolkata)').waitFor();
    await showDay(page, dstEndDay);
    const slot = page.locator(`[data-start="${firstStart}"]`);
    expect(await slot.innerText()).toBe('7:30 PM');
    await screenshot(page, 'booking-page-kolkata');
    await slot.click();
    await page.getByLabel('Name').fill(customer.name);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Notes (optional)').fill('Quarterly plan');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByRole('heading', { name: "You're booked" }).waitFor();
    expect(await page.locator('body').innerText()).toContain('7:30 PM');

    const [mail] = await eventually('the confirmation email', async () => (mailsTo(customer.email).length > 0 ? mailsTo(customer.email) : undefined));
    const text = mailText(mail!);
    expect(mailSubject(mail!)).toContain('Confirmed: Strategy session with Harriet Host');
    expect(text).toContain('Sunday, November 7, 2027, 7:30 PM – 8:00 PM India Standard Time (Asia/Kolkata)');
    const invite = ics(mailCalendar(mail!)[0]!.body);
    expect(invite).toMatchObject({ method: 'REQUEST', sequence: 0, start: firstStart });
    expect(text).toContain(`Join Zoom meeting: ${invite.location}`);
    const atStart = (await meetings()).filter((m) => m.startTimeIso === '2027-11-07T14:00:00Z');
    expect(atStart).toHaveLength(1);
    expect(String(invite.location)).toContain(`/j/${atStart[0]!.id}`);
    await workDrained(confer.confer.database.pool, 'the booking\'s jobs and emails to finish');
    expect(mailsTo(customer.email)).toHaveLength(1);
  });

  test('journey 2: the customer reschedules from the email link; the same Zoom meeting moves; same UID, higher SEQUENCE', async () => {
    const first = mailsTo(customer.email)[0]!;
    const meetingId = (await meetings()).find((m) => m.startTimeIso === '2027-11-07T14:00:00Z')!.id;
    const page = await newPage(session.browser, undefined, { timezoneId: 'Asia/Kolkata', locale: 'en-US' });
    await page.goto(manageLink(mailText(first), 'Reschedule'));
    await showDay(page, dstEndDay);
    await page.locator(`[data-start="${movedStart}"]`).click();
    await page.getByRole('button', { name: 'Reschedule to this time' }).click();
    await page.getByText('Your booking was moved to').waitFor();

    const [, update] = await eventually('the update email', async () => (mailsTo(customer.email).length === 2 ? mailsTo(customer.email) : undefined));
    expect(mailText(update!)).toContain('8:30 PM – 9:00 PM India Standard Time (Asia/Kolkata)');
    const before = ics(mailCalendar(first)[0]!.body);
    const after = ics(mailCalendar(update!)[0]!.body);
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.start).toBe(movedStart);
    const moved = (await meetings()).find((m) => m.id === meetingId)!;
    expect(moved.startTimeIso).toBe('2027-11-07T15:00:00Z');
    expect(await meetings()).toHaveLength(1);
  });

  test('journey 3: the customer cancels; the Zoom meeting is gone; the cancellation arrives', async () => {
    const update = mailsTo(customer.email)[1]!;
    const page = await newPage(session.browser, undefined, { timezoneId: 'Asia/Kolkata', locale: 'en-US' });
    await page.goto(manageLink(mailText(update), 'Cancel'));
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.getByText('Your booking is cancelled.').waitFor();
    await eventually('the meeting deleted in Zoom', async () => (await meetings()).length === 0);
    const [, , cancellation] = await eventually('the cancellation', async () => (mailsTo(customer.email).length === 3 ? mailsTo(customer.email) : undefined));
    expect(mailSubject(cancellation!)).toContain('Cancelled: Strategy session');
    const cancel = ics(mailCalendar(cancellation!)[0]!.body);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.uid).toBe(ics(mailCalendar(update)[0]!.body).uid);
  });

  test('journey 4: the meeting ends in Zoom; the recording appears on the host’s booking', async () => {
    const booked = await book(confer.url, slug, { start: '2027-11-07T16:00:00.000Z', email: 'second@example.com', name: 'Sam Second' });
    expect(booked.status).toBe(201);
    const meetingId = await eventually('the meeting', async () => (await meetings()).find((m) => m.startTimeIso === '2027-11-07T16:00:00Z')?.id);
    // A meeting ends after its host starts it from Confer's link, so Confer knows it by then: wait
    // for the booking to hold it, as a real host would, before Zoom says it ended.
    await eventually('the meeting on the booking', async () => (await apiAs(confer.url, host.cookie).get(`/api/v1/bookings/${booked.body.id}`)).body.meeting?.zoomMeetingId === String(meetingId));
    expect((await callJson(confer.emulator.url, 'POST', `/_emulator/meetings/${meetingId}/end`, {})).status).toBe(200);

    const page = await signedInPage();
    // The host finds it on the dashboard, marked as taken place once Zoom says the meeting ended.
    await page.goto(`${confer.url}/bookings`);
    const row = page.locator(`tr[data-booking-id="${booked.body.id}"]`);
    await eventually('the booking marked as taken place', async () => {
      await page.reload();
      await row.waitFor();
      return (await row.innerText()).includes('Took place');
    });
    expect(await row.innerText()).toContain('Sam Second');
    await row.getByRole('link').first().click();
    await page.waitForURL(`**/bookings/${booked.body.id}`);
    await page.getByText('Took place').waitFor();
    // It took place: nothing left to move or cancel.
    expect(await page.getByRole('button', { name: 'Cancel booking' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Recordings' }).waitFor();
    await eventually('the recording on the page', async () => {
      await page.reload();
      // The page loads the booking after it renders: wait for its answer before looking.
      await page.locator('video').or(page.getByText('No recordings.')).first().waitFor();
      return (await page.locator('video').count()) > 0;
    });
    const download = page.getByRole('link', { name: 'Download' }).first();
    const href = await download.getAttribute('href');
    const file = await page.request.get(new URL(href!, confer.url).toString());
    expect(file.status()).toBe(200);
    expect((await file.body()).byteLength).toBeGreaterThan(0);
    await screenshot(page, 'booking-recording');
  });
});
