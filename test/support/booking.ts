import type { SeededUser } from './accounts.ts';
import { apiAs } from './api-client.ts';

const allDay = [['00:00', '24:00']] as [string, string][];

/** A booking page body open every day around the clock (tests pick their own times), for `overrides`. */
export function pageBody(connectionId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Intro call',
    slug: `intro-${Math.random().toString(36).slice(2, 8)}`,
    description: 'A first conversation.',
    durationMinutes: 30,
    connectionId,
    timeZone: 'America/New_York',
    weeklyHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    dateOverrides: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0,
    horizonDays: 365,
    dailyCap: null,
    zoomSettings: { waitingRoom: false, passcodeRequired: true, joinBeforeHost: false, autoRecording: 'cloud', muteUponEntry: true },
    published: true,
    ...overrides,
  };
}

export async function createPage(baseUrl: string, host: SeededUser, body: Record<string, unknown>) {
  const created = await apiAs(baseUrl, host.cookie).post('/api/v1/booking-pages', body);
  if (created.status !== 201) throw new Error(`POST /booking-pages answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body as { id: string; slug: string };
}

/** A customer's browser: no session, Confer's Origin (as the booking page sends it). */
export function asCustomer(baseUrl: string) {
  return apiAs(baseUrl, '');
}

export async function book(baseUrl: string, slug: string, body: Record<string, unknown>) {
  return asCustomer(baseUrl).post(`/api/v1/public/booking-pages/${slug}/bookings`, { name: 'Priya Raman', email: 'priya@example.in', timeZone: 'Asia/Kolkata', locale: 'en-IN', ...body });
}

