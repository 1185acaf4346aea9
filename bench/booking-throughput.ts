/**
 * Booking throughput: 20 customers at once make 200 bookings through the public booking endpoint
 * while every Zoom API call takes 100 ms more (an emulator fault on `/v2/**`). For each booking it
 * times the customer's wait from sending the POST to the SMTP server accepting their `Confirmed:`
 * email, the emulator's part of it (a timing proxy sits between Confer and the emulator and reads
 * the booking from the created meeting's topic), and Confer's own share: the total minus the
 * emulator's part. Prints throughput, p50/p99/max of the three, and where Confer's share goes
 * (from PostgreSQL's record of each booking's jobs and email). Bar: Confer's share p99 ≤ 50 ms.
 * Fails too when a booking got no confirmation or two, or Zoom holds other than one meeting per
 * booking. Writes `bench/results/booking-throughput.json`; exits 1 when anything fails.
 *
 *   sh scripts/node24 bench/booking-throughput.ts [bookings=200] [customers=20]
 *
 * A customer books, waits for the confirmation, then books again, so 20 bookings are always in
 * flight. Zoom's rate limits are on, for the hosts' account on the plan BENCH_ZOOM_PLAN names
 * (Business by default), and Confer paces itself for that plan (ZOOM_PLAN). Zoom allows one
 * user 100 meeting creates a day and Confer keeps to it, so the bookings go to as many hosts as
 * that needs (two for 200), each on their own page and Zoom user in one account; a further host
 * takes the warm-up bookings, so the measured ones start from warm code and connections.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startEmulator, type RunningEmulator } from '../emulator/zoom/server.ts';
import { callJson, createUserVia } from '../emulator/zoom/testing/control-client.ts';
import { dailyCreateUpdateLimit } from '../src/connections/zoom-rate-budget.ts';
import { openDatabase, type Database } from '../src/core/database/database.ts';
import { seedUser } from '../test/support/accounts.ts';
import { asCustomer, book, createPage, pageBody } from '../test/support/booking.ts';
import { connectZoom } from '../test/support/connections.ts';
import { freePort } from '../test/support/free-port.ts';
import { mailSubject } from '../test/support/mail-parts.ts';
import { startSmtpSink } from '../test/support/smtp-sink.ts';
import { databaseServer, finishBenchRun, freshDatabase, latencySummary, recordResult, startBenchRun, startConferProcess } from './bench-harness.ts';
import { bookingStages, stageLabels, type BookingTimeline } from './booking-stages.ts';
import { startZoomTimingProxy, type ZoomExchange } from './zoom-timing-proxy.ts';

const bookingCount = Number(process.argv[2] ?? 200);
/**
 * The hosts' Zoom plan, and Confer's ZOOM_PLAN to match. Business by default: Pro's 20 creates a
 * second per account (Confer takes 16) is below what 20 busy customers ask for, and the wait for
 * Zoom's budget would then be most of what is measured. `BENCH_ZOOM_PLAN=pro` shows that pacing.
 */
const zoomPlan = (process.env.BENCH_ZOOM_PLAN ?? 'business') as 'free' | 'pro' | 'business';
const customerCount = Number(process.argv[3] ?? 20);
const zoomLatencyMs = 100;
const warmupBookings = 10;
const barP99Ms = 50;
/** How long one customer waits for a confirmation before counting it as never sent. */
const confirmationWaitMs = 120_000;
const run = startBenchRun('booking-throughput');

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

/** A host's booking page and the Zoom user its meetings go to. */
interface HostPage {
  slug: string;
  zoomUserId: string;
  freeStarts: string[];
}

interface PlannedBooking {
  index: number;
  page: HostPage;
  start: string;
  email: string;
}

/** What one customer saw: their POST, its answer, and when their (first) confirmation was accepted. */
interface CustomerOutcome extends PlannedBooking {
  bookingId: string | undefined;
  status: number;
  sentAt: number;
  answeredAt: number;
  confirmedAt: number | undefined;
}

/** A host seeded in Confer with their own Zoom user (one account on the bench's plan), connected, with an all-day page. */
async function hostWithPage({ emulator, url, database, account }: Stage, name: string): Promise<HostPage> {
  const email = `${name.toLowerCase()}.${randomBytes(3).toString('hex')}@bench.test`;
  const password = `zoom-${randomBytes(6).toString('hex')}`;
  const zoomUser = await createUserVia(emulator.url, { accountId: account.id, email, password, firstName: name, lastName: 'Bench', role: 'member', timezone: 'America/New_York' });
  const host = await seedUser(database.db, { name: `${name} Bench` });
  const connected = await connectZoom(url, host, { email, password });
  const connectionId = (connected.message as { connectionId?: string } | undefined)?.connectionId;
  if (!connectionId) throw new Error(`connecting Zoom for ${name} failed: ${JSON.stringify(connected.message)}`);
  const { slug } = await createPage(url, host, pageBody(connectionId, { title: 'Intro call' }));
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const slots = await asCustomer(url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${from}&to=${to}&timeZone=UTC`);
  return { slug, zoomUserId: zoomUser.id, freeStarts: (slots.body.slots as Array<{ start: string }>).map((slot) => slot.start) };
}

/** `count` bookings spread over the pages in turn, each on its own free time and customer address. */
function planBookings(pages: HostPage[], count: number, label: string): PlannedBooking[] {
  return Array.from({ length: count }, (_, index) => {
    const page = pages[index % pages.length]!;
    const start = page.freeStarts.shift();
    if (!start) throw new Error(`page ${page.slug} has run out of free times`);
    return { index, page, start, email: `${label}-${index}@customers.test` };
  });
}

/** Recipient → SMTP-accepted times of their `Confirmed:` emails. */
type ConfirmationLog = (address: string) => number[];

/** The sink's confirmations by recipient; each look reads only what arrived since the last (customers look every 5 ms). */
function confirmationLog(sink: Sink): ConfirmationLog {
  const byAddress = new Map<string, number[]>();
  let read = 0;
  return (address) => {
    for (; read < sink.received.length; read += 1) {
      const mail = sink.received[read]!;
      if (!mailSubject(mail).startsWith('Confirmed:')) continue;
      for (const to of mail.to) byAddress.set(to, [...(byAddress.get(to) ?? []), mail.acceptedAt.getTime()]);
    }
    return byAddress.get(address) ?? [];
  };
}

/** Books, then waits (polling the sink, which stamps acceptance itself) until the confirmation arrives. */
async function bookAndAwaitConfirmation(url: string, confirmations: ConfirmationLog, planned: PlannedBooking): Promise<CustomerOutcome> {
  const sentAt = Date.now();
  const answer = await book(url, planned.page.slug, { start: planned.start, email: planned.email, name: `Customer ${planned.index}` });
  const answeredAt = Date.now();
  const outcome: CustomerOutcome = { ...planned, bookingId: answer.body?.id, status: answer.status, sentAt, answeredAt, confirmedAt: undefined };
  if (answer.status !== 201) return outcome;
  for (const deadline = sentAt + confirmationWaitMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 5))) {
    outcome.confirmedAt = confirmations(planned.email)[0];
    if (outcome.confirmedAt !== undefined) break;
  }
  return outcome;
}

/** `customers` customers at once, each taking the next planned booking when their last one is confirmed. */
async function customersBook(url: string, confirmations: ConfirmationLog, planned: PlannedBooking[], customers: number): Promise<CustomerOutcome[]> {
  const queue = [...planned];
  const outcomes: CustomerOutcome[] = [];
  await Promise.all(Array.from({ length: customers }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) outcomes.push(await bookAndAwaitConfirmation(url, confirmations, next));
  }));
  return outcomes.sort((a, b) => a.index - b.index);
}

/** Waits until the outbox has nothing left to send, then a second more, so a late duplicate would show. */
async function untilOutboxIdle(database: Database): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const { rows } = await database.pool.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM email_outbox WHERE status IN ('queued', 'sending')`);
    if (rows[0]?.pending === 0) break;
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

const referenceOf = (bookingId: string) => `booking ${bookingId.slice(0, 8)}`;

/** Each booking's timeline: the customer's times, the Zoom exchanges named for it, and what PostgreSQL recorded. */
async function timelines(database: Database, outcomes: CustomerOutcome[], exchanges: ZoomExchange[]): Promise<BookingTimeline[]> {
  const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
  const meetingJobs = await database.pool.query<{ booking_id: string; created: number; started: number | null; jobs: number }>(`
    SELECT data->>'bookingId' AS booking_id, min(${epochMs('created_on')}) AS created, min(${epochMs('started_on')}) AS started, count(*)::int AS jobs
    FROM pgboss.job WHERE name = 'booking-meeting' GROUP BY 1`);
  const emails = await database.pool.query<{ booking_id: string; queued: number; started: number | null }>(`
    SELECT o.booking_id, ${epochMs('o.created_at')} AS queued, min(${epochMs('j.started_on')}) AS started
    FROM email_outbox o LEFT JOIN pgboss.job j ON j.name = 'email-send' AND j.data->>'emailId' = o.id::text
    WHERE o.kind = 'booking_confirmation' GROUP BY 1, 2`);
  const jobOf = new Map(meetingJobs.rows.map((row) => [row.booking_id, row]));
  const emailOf = new Map(emails.rows.map((row) => [row.booking_id, row]));
  return outcomes.filter((o) => o.bookingId && o.confirmedAt !== undefined).map((o) => {
    const calls = exchanges.filter((exchange) => exchange.bookingReference === referenceOf(o.bookingId!));
    const create = calls.at(-1);
    return {
      sentAt: o.sentAt, answeredAt: o.answeredAt, confirmedAt: o.confirmedAt!,
      zoomMs: calls.reduce((sum, call) => sum + call.ms, 0), zoomCalls: calls.length,
      meetingJobCreatedAt: jobOf.get(o.bookingId!)?.created, meetingJobStartedAt: jobOf.get(o.bookingId!)?.started ?? undefined,
      meetingPasses: jobOf.get(o.bookingId!)?.jobs ?? 0,
      zoomSentAt: create?.startedAt, zoomAnsweredAt: create ? create.startedAt + create.ms : undefined,
      emailQueuedAt: emailOf.get(o.bookingId!)?.queued, emailStartedAt: emailOf.get(o.bookingId!)?.started ?? undefined,
    };
  });
}

/** How many meetings Zoom holds on the measured hosts and in all, and how many bookings have exactly one (found by the reference in its topic). */
async function meetingsCheck(emulator: RunningEmulator, pages: HostPage[], bookingIds: string[]): Promise<{ held: number; heldInAll: number; bookingsWithOneMeeting: number }> {
  const all = (await callJson<{ meetings: Array<{ topic: string; hostId: string }> }>(emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
  const measuredHosts = new Set(pages.map((page) => page.zoomUserId));
  const topics = all.filter((meeting) => measuredHosts.has(meeting.hostId)).map((meeting) => meeting.topic);
  const bookingsWithOneMeeting = bookingIds.filter((id) => topics.filter((topic) => topic.includes(referenceOf(id))).length === 1).length;
  return { held: topics.length, heldInAll: all.length, bookingsWithOneMeeting };
}

/** Per pg-boss queue, the jobs that came due since `since`: how many, how many still unstarted, and how long they waited for a worker. */
async function queuePickups(database: Database, since: number): Promise<Record<string, { jobs: number; unstarted: number; p50WaitMs: number; maxWaitMs: number }>> {
  const { rows } = await database.pool.query<{ name: string; jobs: number; unstarted: number; p50: number; max: number }>(`
    WITH due AS (
      SELECT name, started_on, extract(epoch from coalesce(started_on, now()) - greatest(start_after, created_on)) * 1000 AS wait
      FROM pgboss.job WHERE created_on >= to_timestamp($1 / 1000.0) AND start_after <= now())
    SELECT name, count(*)::int AS jobs, count(*) FILTER (WHERE started_on IS NULL)::int AS unstarted,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY wait)::float8 AS p50, max(wait)::float8 AS max
    FROM due GROUP BY name ORDER BY name`, [since]);
  return Object.fromEntries(rows.map((row) => [row.name, { jobs: row.jobs, unstarted: row.unstarted, p50WaitMs: Math.round(row.p50), maxWaitMs: Math.round(row.max) }]));
}

/** Zoom calls no booking's topic names (token, settings, lookups), by method and path. */
function unattributedCalls(exchanges: ZoomExchange[]): Record<string, { calls: number; ms: number }> {
  const byPath: Record<string, { calls: number; ms: number }> = {};
  for (const exchange of exchanges.filter((e) => !e.bookingReference)) {
    const key = `${exchange.method} ${exchange.path} ${exchange.status}`;
    byPath[key] = { calls: (byPath[key]?.calls ?? 0) + 1, ms: Number(((byPath[key]?.ms ?? 0) + exchange.ms).toFixed(1)) };
  }
  return byPath;
}

/** Everything around Confer: PostgreSQL, the SMTP sink, the emulator (rate limits on) behind the timing proxy, and Confer in its own process. */
async function startStage() {
  const databaseUrl = await freshDatabase(run, await databaseServer(run));
  const sink = await startSmtpSink();
  run.cleanups.push(() => sink.close());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const emulator = await startEmulator({ seed: 'demo', settings: { rateLimits: true }, conferApp: { redirectUri: `${url}/connections/oauth/callback`, webhookUrl: `${url}/webhooks/zoom` } });
  run.cleanups.push(() => emulator.close());
  const proxy = await startZoomTimingProxy(emulator.url);
  run.cleanups.push(() => proxy.close());
  const app = emulator.seed!.app!;
  const created = await callJson<{ id: string; plan: string }>(emulator.url, 'POST', '/_emulator/accounts', { name: `Bench ${zoomPlan} account`, plan: zoomPlan });
  if (created.status !== 201) throw new Error(`the emulator refused the bench account: ${JSON.stringify(created.body)}`);
  const account = created.body;
  const dataDir = join(run.scratch, 'confer');
  mkdirSync(dataDir);
  await startConferProcess(run, {
    PORT: String(port), PUBLIC_URL: url, DATABASE_URL: databaseUrl, CONFER_DATA_DIR: dataDir, CONFER_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    ZOOM_CLIENT_ID: app.clientId, ZOOM_CLIENT_SECRET: app.clientSecret, ZOOM_WEBHOOK_SECRET_TOKEN: app.webhook!.secretToken,
    // Only the REST calls go through the proxy; token requests are counted by the emulator instead.
    ZOOM_OAUTH_URL: emulator.url, ZOOM_API_URL: `${proxy.url}/v2`, ZOOM_PLAN: account.plan,
    SMTP_URL: sink.url, MAIL_FROM: 'Confer <confer@bench.test>', LOG_LEVEL: 'warn',
  });
  const database = await openDatabase({ databaseUrl, dataDir: run.scratch, logger: run.logger, poolSize: 2 });
  run.cleanups.push(() => database.close());
  return { url, sink, emulator, proxy, account, database };
}

type Stage = Awaited<ReturnType<typeof startStage>>;

/** The measured bookings, with the Zoom exchanges and token refreshes they caused and how late this process's own clock ran. */
async function measuredBookings(stage: Stage, confirmations: ConfirmationLog, pages: HostPage[]) {
  const tokenRefreshes = async () => (await callJson<{ tokenRefreshes: number }>(stage.emulator.url, 'GET', '/_emulator/stats')).body.tokenRefreshes;
  const refreshesBefore = await tokenRefreshes();
  const firstExchange = stage.proxy.exchanges.length;
  // The customers, the sink's timestamps and the proxy share this event loop: its delay bounds their error.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const outcomes = await customersBook(stage.url, confirmations, planBookings(pages, bookingCount, 'customer'), customerCount);
  loopDelay.disable();
  await untilOutboxIdle(stage.database);
  return {
    outcomes,
    exchanges: stage.proxy.exchanges.slice(firstExchange),
    tokenRefreshes: (await tokenRefreshes()) - refreshesBefore,
    loopDelayP99Ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
  };
}

/** The figures and checks of a run, as printed and written to the result file. */
async function summarise(stage: Stage, pages: HostPage[], confirmations: ConfirmationLog, measured: Awaited<ReturnType<typeof measuredBookings>>) {
  const { outcomes, exchanges } = measured;
  const booked = outcomes.filter((o) => o.status === 201 && o.bookingId);
  const confirmationCounts = booked.map((o) => confirmations(o.email).length);
  const meetings = await meetingsCheck(stage.emulator, pages, booked.map((o) => o.bookingId!));
  const lines = await timelines(stage.database, outcomes, exchanges);
  const firstSent = Math.min(...outcomes.map((o) => o.sentAt));
  const lastConfirmed = Math.max(...lines.map((line) => line.confirmedAt));
  return {
    scenario: 'booking-throughput',
    database: process.env.DATABASE_URL ? 'external' : 'embedded',
    bookings: bookingCount, customers: customerCount, zoomLatencyMs, zoomRateLimits: `on, ${stage.account.plan} plan (ZOOM_PLAN=${stage.account.plan})`,
    hosts: pages.length, warmupBookings,
    bookingsPerSecond: Number((lines.length / ((lastConfirmed - firstSent) / 1000)).toFixed(1)),
    seconds: Number(((lastConfirmed - firstSent) / 1000).toFixed(2)),
    barAppliesTo: "Confer's share (total minus emulator time)", barP99Ms,
    totalMs: latencySummary(lines.map((line) => line.confirmedAt - line.sentAt)),
    emulatorMs: latencySummary(lines.map((line) => line.zoomMs)),
    conferShareMs: latencySummary(lines.map((line) => line.confirmedAt - line.sentAt - line.zoomMs)),
    postAnswerMs: latencySummary(outcomes.map((o) => o.answeredAt - o.sentAt)),
    stages: bookingStages(lines),
    checks: {
      postsAnswered201: booked.length,
      confirmedBookings: lines.length,
      withoutConfirmation: confirmationCounts.filter((count) => count === 0).length,
      withSeveralConfirmations: confirmationCounts.filter((count) => count > 1).length,
      meetingsHeldByZoom: meetings.held,
      meetingsHeldByZoomWithWarmup: meetings.heldInAll,
      bookingsWithExactlyOneMeeting: meetings.bookingsWithOneMeeting,
    },
    zoom: {
      createCalls: exchanges.filter((e) => e.bookingReference).length,
      bookingsWithRetriedCreate: lines.filter((line) => line.zoomCalls > 1).length,
      answered429: exchanges.filter((e) => e.status === 429).length,
      tokenRefreshes: measured.tokenRefreshes,
      unattributed: unattributedCalls(exchanges),
    },
    jobQueues: await queuePickups(stage.database, firstSent),
    benchEventLoopDelayP99Ms: measured.loopDelayP99Ms,
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

type Result = Awaited<ReturnType<typeof summarise>>;

/** Every booking answered 201 and confirmed exactly once, and Zoom holds exactly one meeting per booking (and the warm-up's). */
function checksPass({ checks }: Result): boolean {
  return checks.postsAnswered201 === bookingCount && checks.confirmedBookings === bookingCount
    && checks.withoutConfirmation === 0 && checks.withSeveralConfirmations === 0
    && checks.meetingsHeldByZoom === bookingCount && checks.bookingsWithExactlyOneMeeting === bookingCount
    && checks.meetingsHeldByZoomWithWarmup === bookingCount + warmupBookings;
}

async function main(): Promise<boolean> {
  const stage = await startStage();
  const hostCount = Math.ceil(bookingCount / dailyCreateUpdateLimit);
  const pages: HostPage[] = [];
  for (let i = 0; i < hostCount; i += 1) pages.push(await hostWithPage(stage, `Host${i + 1}`));
  const warmupPage = await hostWithPage(stage, 'Warmup');
  const latency = await callJson(stage.emulator.url, 'POST', '/_emulator/faults', { match: { method: '*', path: '/v2/**' }, latencyMs: zoomLatencyMs });
  if (latency.status !== 201) throw new Error(`adding the latency fault answered ${latency.status}`);

  const confirmations = confirmationLog(stage.sink);
  await customersBook(stage.url, confirmations, planBookings([warmupPage], warmupBookings, 'warmup'), Math.min(customerCount, warmupBookings));
  await untilOutboxIdle(stage.database);
  const result = await summarise(stage, pages, confirmations, await measuredBookings(stage, confirmations, pages));
  printReport(result);
  recordResult('booking-throughput', result);
  return checksPass(result) && result.conferShareMs.p99Ms <= barP99Ms;
}

type Figures = { p50Ms: number; p99Ms: number; maxMs: number };

function printReport(result: Result): void {
  const row = (label: string, figures: Figures, note = '') =>
    console.log(`${label.padEnd(50)}${`${figures.p50Ms.toFixed(1)} ms`.padStart(11)}${`${figures.p99Ms.toFixed(1)} ms`.padStart(11)}${`${figures.maxMs.toFixed(1)} ms`.padStart(11)}${note}`);
  console.log(`Booking throughput: ${result.bookings} bookings by ${result.customers} customers at once (each books again once confirmed), ${result.hosts} host${result.hosts === 1 ? '' : 's'}, Zoom +${result.zoomLatencyMs} ms per call, rate limits ${result.zoomRateLimits}, ${result.database} PostgreSQL`);
  console.log(`throughput              ${result.bookingsPerSecond} bookings/s confirmed   (${result.seconds} s from the first POST to the last confirmation)`);
  console.log(`${''.padEnd(50)}${'p50'.padStart(11)}${'p99'.padStart(11)}${'max'.padStart(11)}`);
  row('POST to Confirmed: accepted by SMTP', result.totalMs);
  row('  of which the emulator (timed by the proxy)', result.emulatorMs);
  row("  of which Confer's share (the bar)", result.conferShareMs, `   bar: p99 ≤ ${barP99Ms} ms`);
  row('POST answered (201)', result.postAnswerMs);
  console.log("where Confer's share goes, stage by stage (between what the customer, PostgreSQL and the proxy recorded):");
  for (const [stage, figures] of Object.entries(result.stages)) row(`  ${stageLabels[stage as keyof typeof stageLabels] ?? stage}`, figures);
  const checks = result.checks;
  console.log(`checks                  ${checks.postsAnswered201} POSTs answered 201, ${checks.withoutConfirmation} without a confirmation, ${checks.withSeveralConfirmations} with more than one   (must be ${result.bookings}, 0, 0)`);
  console.log(`                        Zoom holds ${checks.meetingsHeldByZoom} meetings on the measured hosts, ${checks.bookingsWithExactlyOneMeeting} bookings have exactly one, ${checks.meetingsHeldByZoomWithWarmup} with the warm-up's   (must be ${result.bookings}, ${result.bookings}, ${result.bookings + warmupBookings})`);
  console.log(`Zoom calls              ${result.zoom.createCalls} meeting creates named for a booking (${result.zoom.bookingsWithRetriedCreate} bookings needed more than one), ${result.zoom.answered429} answered 429, ${result.zoom.tokenRefreshes} token refreshes; others: ${JSON.stringify(result.zoom.unattributed)}`);
  for (const [queue, q] of Object.entries(result.jobQueues)) {
    console.log(`job queue ${queue.padEnd(30)}${q.jobs} jobs came due, ${q.unstarted} still waiting at the end; wait for a worker p50 ${q.p50WaitMs} ms, max ${q.maxWaitMs} ms`);
  }
  console.log(`measuring               bench event-loop delay p99 ${result.benchEventLoopDelayP99Ms} ms; load average ${result.loadAverage.join(' ')} (${availableParallelism()} cores)`);
}

await finishBenchRun(run, main);
