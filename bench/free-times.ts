/**
 * Free times: a month of a booking page's free times while its host holds 5,000 bookings. The page
 * is a consultant's: weekdays 09:00–17:00 America/New_York, 30-minute meetings, 10 minutes of
 * buffer before and after, 4 hours' notice, no daily cap, a 365-day horizon. Prints p50/p99/max of
 * `GET /api/v1/public/booking-pages/{slug}/slots` for next month over real HTTP on loopback (what a
 * customer waits for; the bar, p99 ≤ 5 ms, applies to it) and of `freeTimes()` in this process
 * (SQL read and engine, then each alone), with how many bookings and free slots the month holds.
 * Writes `bench/results/free-times.json`; exits 1 when the bar is missed.
 *
 *   sh scripts/node24 bench/free-times.ts [requests=1000] [bookings=5000]
 *
 * The bookings go straight into the table (the exclusion constraint still checks every one). With
 * 10-minute buffers two 30-minute meetings cannot sit back to back, so a weekday holds at most 8
 * and a year at most about 2,100: 5,000 is the host's coming year plus about three years of
 * history, which is also what a long-standing host's table looks like. Each weekday is booked the
 * way a busy calendar fills, about half full, so the month keeps free times to list.
 */
import { Agent, get } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { startEmulator } from '../emulator/zoom/server.ts';
import { openDatabase, type Database, type Db } from '../src/core/database/database.ts';
import { bookingPages, bookings } from '../src/core/database/schema.ts';
import { freeSlots } from '../src/scheduling/availability/free-slots.ts';
import { blockedRange, type StoredPage } from '../src/scheduling/book-slot.ts';
import { bookingsNear, freeTimes, rulesOf } from '../src/scheduling/free-times.ts';
import { seedUser } from '../test/support/accounts.ts';
import { createPage, pageBody } from '../test/support/booking.ts';
import { connectZoom, zoomDemoOwner } from '../test/support/connections.ts';
import { freePort } from '../test/support/free-port.ts';
import { databaseServer, finishBenchRun, freshDatabase, latencySummary, recordResult, startBenchRun, startConferProcess } from './bench-harness.ts';

const requests = Number(process.argv[2] ?? 1000);
const existingBookings = Number(process.argv[3] ?? 5000);
const warmups = 50;
const barP99Ms = 5;
const hostZone = 'America/New_York';
/** The chance that a free half-hour of a weekday gets booked, walking the day from 09:00. */
const occupancy = 0.4;
const run = startBenchRun('free-times');

const workday = [['09:00', '17:00']] as [string, string][];
const consultantPage = (connectionId: string) => pageBody(connectionId, {
  title: 'Consultation',
  weeklyHours: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 240,
  horizonDays: 365,
  dailyCap: null,
});

/** A repeatable pseudo-random sequence (mulberry32), so every run books the same calendar. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `count` meeting starts for the page's host, walking weekdays back from the horizon's last date.
 * Within a day each half-hour from 09:00 is booked with probability `occupancy` when the one before
 * it is not: a booked half-hour's buffers reach into both neighbours, so those stay unbooked.
 */
function hostCalendar(page: StoredPage, count: number): Date[] {
  const random = seededRandom(20_261_201);
  const lastHalfHour = (17 - 9) * 2 - 1;
  const starts: Date[] = [];
  let day = DateTime.now().setZone(page.timeZone).plus({ days: page.horizonDays }).startOf('day');
  while (starts.length < count) {
    if (day.weekday <= 5) {
      let previousBooked = false;
      for (let half = 0; half <= lastHalfHour && starts.length < count; half += 1) {
        const booked: boolean = !previousBooked && random() < occupancy;
        if (booked) starts.push(day.set({ hour: 9 }).plus({ minutes: 30 * half }).toJSDate());
        previousBooked = booked;
      }
    }
    day = day.minus({ days: 1 });
  }
  return starts;
}

/** Inserts the bookings in one transaction, as settled bookings (meeting made, everyone told). */
async function insertBookings(db: Db, page: StoredPage, starts: Date[]): Promise<void> {
  const rows = starts.map((start, i) => {
    const end = new Date(start.getTime() + page.durationMinutes * 60_000);
    return {
      pageId: page.id, hostUserId: page.hostUserId, connectionId: page.connectionId, startAt: start, endAt: end, blocked: blockedRange(page, start, end),
      customerName: `Customer ${i}`, customerEmail: `customer${i}@example.com`, customerTimeZone: 'Europe/London',
      meetingStatus: 'ready' as const, meetingSyncedSequence: 0, customerNotifiedSequence: 0, customerHasLink: true, hostNotifiedSequence: 0,
    };
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(bookings).values(rows.slice(i, i + 1000));
  });
  // Autovacuum would analyze a table this size soon after; without statistics the planner guesses.
  await db.execute(sql`ANALYZE bookings`);
}

/** Next calendar month in the host's zone, as a customer's calendar asks for it and as the route resolves it. */
function nextMonth(zone: string) {
  const first = DateTime.now().setZone(zone).plus({ months: 1 }).startOf('month');
  const last = first.endOf('month');
  return { fromDate: first.toISODate()!, toDate: last.toISODate()!, from: first.toJSDate(), to: last.plus({ days: 1 }).startOf('day').toJSDate() };
}

/** One GET over a kept-alive connection, resolved once the last byte of the answer has arrived. */
function httpGet(agent: Agent, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** Runs `work` `warmups` times unmeasured, then `requests` times one after another, returning each duration. */
async function timeRepeatedly(work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmups; i += 1) await work();
  const durations: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  return durations;
}

async function countBookingsBetween(db: Db, hostUserId: string, from: Date, to: Date): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(bookings)
    .where(and(eq(bookings.hostUserId, hostUserId), ne(bookings.status, 'cancelled'), gte(bookings.startAt, from), lt(bookings.startAt, to)));
  return row?.count ?? 0;
}

/** A running Confer (own process) whose host has the consultant's page and `existingBookings` bookings. */
async function conferWithBusyHost(): Promise<{ url: string; database: Database; page: StoredPage; slug: string }> {
  const databaseUrl = await freshDatabase(run, await databaseServer(run));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Zoom is needed only to connect the page (a published page needs a working connection).
  const emulator = await startEmulator({ seed: 'demo', conferApp: { redirectUri: `${url}/connections/oauth/callback`, webhookUrl: `${url}/webhooks/zoom` } });
  run.cleanups.push(() => emulator.close());
  const app = emulator.seed!.app!;
  const dataDir = join(run.scratch, 'confer');
  mkdirSync(dataDir);
  await startConferProcess(run, {
    PORT: String(port), PUBLIC_URL: url, DATABASE_URL: databaseUrl, CONFER_DATA_DIR: dataDir, CONFER_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    ZOOM_CLIENT_ID: app.clientId, ZOOM_CLIENT_SECRET: app.clientSecret, ZOOM_WEBHOOK_SECRET_TOKEN: app.webhook!.secretToken,
    ZOOM_OAUTH_URL: emulator.url, ZOOM_API_URL: `${emulator.url}/v2`, LOG_LEVEL: 'warn',
  });
  const database = await openDatabase({ databaseUrl, dataDir: run.scratch, logger: run.logger, poolSize: 2 });
  run.cleanups.push(() => database.close());
  const host = await seedUser(database.db, { name: 'Casey Consultant' });
  const connected = await connectZoom(url, host, zoomDemoOwner);
  const connectionId = (connected.message as { connectionId?: string } | undefined)?.connectionId;
  if (!connectionId) throw new Error(`connecting Zoom failed: ${JSON.stringify(connected.message)}`);
  const { id: pageId, slug } = await createPage(url, host, consultantPage(connectionId));
  const [page] = await database.db.select().from(bookingPages).where(eq(bookingPages.id, pageId));
  if (!page) throw new Error('the booking page just created is not in the database');
  await insertBookings(database.db, page, hostCalendar(page, existingBookings));
  return { url, database, page, slug };
}

/** Each figure the bench reports, for next month's free times, measured one request at a time. */
async function measureNextMonth(url: string, database: Database, page: StoredPage, slug: string) {
  const { db } = database;
  const month = nextMonth(hostZone);
  const slotsUrl = `${url}/api/v1/public/booking-pages/${slug}/slots?from=${month.fromDate}&to=${month.toDate}&timeZone=${encodeURIComponent(hostZone)}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  run.cleanups.push(() => agent.destroy());
  let lastAnswer = '';
  const overHttp = await timeRepeatedly(async () => {
    const answer = await httpGet(agent, slotsUrl);
    if (answer.status !== 200) throw new Error(`GET slots answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    lastAnswer = answer.body;
  });
  let computedSlots = -1;
  const inProcess = await timeRepeatedly(async () => { computedSlots = (await freeTimes(db, page, month.from, month.to)).length; });
  const sqlRead = await timeRepeatedly(() => bookingsNear(db, page, month.from, month.to));
  const near = await bookingsNear(db, page, month.from, month.to);
  const rules = rulesOf(page);
  const engineAlone = await timeRepeatedly(async () => freeSlots(rules, near, { from: month.from, to: month.to }, new Date()));
  // The floors under the figures above on this machine: an HTTP exchange that does no work, and a
  // database round trip that does none.
  const healthz = await timeRepeatedly(() => httpGet(agent, `${url}/healthz`));
  const selectOne = await timeRepeatedly(() => database.pool.query('SELECT 1'));
  return {
    scenario: 'free-times',
    database: process.env.DATABASE_URL ? 'external' : 'embedded',
    requests, warmups, existingBookings,
    month: `${month.fromDate}..${month.toDate} ${hostZone}`,
    bookingsInMonth: await countBookingsBetween(db, page.hostUserId, month.from, month.to),
    bookingsWithinHorizon: await countBookingsBetween(db, page.hostUserId, new Date(), DateTime.now().plus({ days: page.horizonDays }).toJSDate()),
    bookingsReadForMonth: near.length,
    freeSlotsInMonth: computedSlots,
    // Parsed once, outside the timing: reading the answer is the customer's browser's work, not Confer's.
    freeSlotsOverHttp: (JSON.parse(lastAnswer) as { slots: unknown[] }).slots.length,
    barAppliesTo: 'GET slots over HTTP', barP99Ms,
    http: latencySummary(overHttp),
    freeTimes: latencySummary(inProcess),
    sqlRead: latencySummary(sqlRead),
    engine: latencySummary(engineAlone),
    floorHttpHealthz: latencySummary(healthz),
    floorSqlSelectOne: latencySummary(selectOne),
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

function printTable(result: Awaited<ReturnType<typeof measureNextMonth>>): void {
  const row = (label: string, figures: { p50Ms: number; p99Ms: number; maxMs: number }, note = '') =>
    console.log(`${label.padEnd(34)}${`${figures.p50Ms.toFixed(2)} ms`.padStart(10)}${`${figures.p99Ms.toFixed(2)} ms`.padStart(11)}${`${figures.maxMs.toFixed(2)} ms`.padStart(11)}${note}`);
  console.log(`Free times: ${result.month}, a page whose host holds ${existingBookings} bookings; ${requests} requests one at a time after ${warmups} warm-up, ${result.database} PostgreSQL`);
  console.log(`bookings in the month      ${result.bookingsInMonth}   (${result.bookingsReadForMonth} read with the margin either side; ${result.bookingsWithinHorizon} within the 365-day horizon)`);
  console.log(`free slots in the month    ${result.freeSlotsInMonth}   (over HTTP: ${result.freeSlotsOverHttp})`);
  console.log(`${''.padEnd(34)}${'p50'.padStart(10)}${'p99'.padStart(11)}${'max'.padStart(11)}`);
  row('GET …/slots over HTTP (the bar)', result.http, `   bar: p99 ≤ ${barP99Ms} ms`);
  row('freeTimes() in process', result.freeTimes);
  row('  its SQL read (bookingsNear)', result.sqlRead);
  row('  its engine (freeSlots)', result.engine);
  row('floor: GET /healthz over HTTP', result.floorHttpHealthz);
  row('floor: SELECT 1', result.floorSqlSelectOne);
  console.log(`load average while measuring: ${result.loadAverage.join(' ')} (${availableParallelism()} cores)`);
}

async function main(): Promise<boolean> {
  const { url, database, page, slug } = await conferWithBusyHost();
  const result = await measureNextMonth(url, database, page, slug);
  printTable(result);
  recordResult('free-times', result);
  const agree = result.freeSlotsOverHttp === result.freeSlotsInMonth;
  if (!agree) console.error(`The HTTP answer lists ${result.freeSlotsOverHttp} slots, freeTimes() ${result.freeSlotsInMonth}: they must agree.`);
  return agree && result.http.p99Ms <= barP99Ms;
}

await finishBenchRun(run, main);
