import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../emulator/zoom/testing/control-client.ts';
import { connections, zoomTokenFamilies } from '../../src/core/database/schema.ts';
import { emailQueue } from '../../src/notifications/outbox.ts';
import { meetingQueue } from '../../src/scheduling/scheduling-runtime.ts';
import { seedUser, type SeededUser } from '../support/accounts.ts';
import { apiAs } from '../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../support/booking.ts';
import { eventually } from '../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { connectZoom, spendRefreshToken, zoomDemoOwner } from '../support/connections.ts';
import { freePort } from '../support/free-port.ts';
import { parseExposition, sampleValue, scrape, type PrometheusSample } from '../support/prometheus.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { startWorkerProcess } from '../support/worker-process.ts';

// What an operator's Prometheus sees of Confer: real processes, a booking through the Zoom
// emulator and a real SMTP server, then GET /metrics as a scraper sends it.

const token = 'scrape-token-7f3a9c1e5b2d4f60';
const bookingRoute = '/api/v1/public/booking-pages/:slug/bookings';

interface Setup {
  confer: TestConfer;
  host: SeededUser;
  connectionId: string;
  slug: string;
}

async function setUp(confer: TestConfer): Promise<Setup> {
  const host = await seedUser(confer.confer.database.db, { name: 'Mina Metrics' });
  const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  const { slug } = await createPage(confer.url, host, pageBody(connectionId));
  return { confer, host, connectionId, slug };
}

/** Books the page's first free time two days out; resolves once its meeting is ready and its confirmation sent. */
async function bookOne({ confer, host, slug }: Setup): Promise<string> {
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;
  const booked = await book(confer.url, slug, { start: slots[0]!.start, email: `customer-${randomUUID().slice(0, 8)}@example.com` });
  expect(booked.status).toBe(201);
  const id = booked.body.id as string;
  await eventually('the meeting and the confirmation', async () => {
    const booking = (await apiAs(confer.url, host.cookie).get(`/api/v1/bookings/${id}`)).body;
    return booking.meeting.status === 'ready' && booking.emails.some((e: { kind: string; status: string }) => e.kind === 'booking_confirmation' && e.status === 'sent');
  }, 60);
  return id;
}

describe('GET /metrics of one Confer process (web and jobs), with METRICS_TOKEN', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let setup: Setup;
  let bookingId: string;
  const metricsOf = () => scrape(`${setup.confer.url}/metrics`, token);

  beforeAll(async () => {
    sink = await startSmtpSink();
    setup = await setUp(await startTestConfer({ smtp: sink, env: { METRICS_TOKEN: token } }));
    bookingId = await bookOne(setup);
  }, 120_000);
  afterAll(async () => {
    await setup?.confer.close();
    await sink?.close();
  });

  it('times requests by route pattern and status, never by URL', async () => {
    const hostApi = apiAs(setup.confer.url, setup.host.cookie);
    expect((await hostApi.get(`/api/v1/bookings/${bookingId}`)).status).toBe(200);
    expect((await hostApi.get(`/api/v1/nothing-here/${randomUUID()}`)).status).toBe(404);
    const response = await fetch(`${setup.confer.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    const samples = parseExposition(text);

    const requests = (labels: Record<string, string>) => sampleValue(samples, 'confer_http_request_duration_seconds_count', labels);
    expect(requests({ method: 'POST', route: bookingRoute, status_code: '201' })).toBeGreaterThanOrEqual(1);
    expect(requests({ method: 'GET', route: '/api/v1/bookings/:id', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(requests({ method: 'GET', route: 'unmatched', status_code: '404' })).toBeGreaterThanOrEqual(1);
    // The booking's id and the page's slug travel in URLs; neither may become a label.
    expect(text).not.toContain(bookingId);
    expect(text).not.toContain(setup.slug);
    expect(sampleValue(samples, 'confer_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts the booking’s jobs, its Zoom meeting create and its confirmation email', async () => {
    const samples = await metricsOf();
    for (const queue of [meetingQueue, emailQueue]) {
      expect(sampleValue(samples, 'confer_job_duration_seconds_count', { queue }), queue).toBeGreaterThanOrEqual(1);
      expect(sampleValue(samples, 'confer_job_failures_total', { queue }), queue).toBe(0);
    }
    expect(sampleValue(samples, 'confer_zoom_api_requests_total', { operation: 'meetings.create', outcome: 'ok' })).toBe(1);
    expect(sampleValue(samples, 'confer_zoom_api_request_duration_seconds_count', { operation: 'meetings.create' })).toBe(1);
    // Connecting asked Zoom who signed in.
    expect(sampleValue(samples, 'confer_zoom_api_requests_total', { operation: 'users.me', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'confer_email_attempts_total', { kind: 'booking_confirmation', outcome: 'sent' })).toBe(1);
    expect(sink.received.length).toBeGreaterThanOrEqual(1);
  });

  it('counts refresh grants sent to Zoom by outcome, not tokens served from the database, and Zoom’s refusals', async () => {
    const { confer, host, connectionId } = setup;
    const api = apiAs(confer.url, host.cookie);
    const refreshes = async () => sampleValue(await metricsOf(), 'confer_zoom_token_refreshes_total', { outcome: 'ok' }) ?? 0;
    const zoomCalls = async (outcome: string) => sampleValue(await metricsOf(), 'confer_zoom_api_requests_total', { operation: 'users.me', outcome }) ?? 0;
    const before = await refreshes();
    expect((await api.post(`/api/v1/connections/${connectionId}/test`)).status).toBe(200);
    expect(await refreshes()).toBe(before);

    // The access token expired: ten calls at once make one refresh (single-flight).
    const [row] = await confer.confer.database.db.select({ familyId: connections.tokenFamilyId }).from(connections).where(eq(connections.id, connectionId));
    await confer.confer.database.db.update(zoomTokenFamilies).set({ accessExpiresAt: new Date(Date.now() - 1000) }).where(eq(zoomTokenFamilies.id, row!.familyId!));
    const tests = await Promise.all(Array.from({ length: 10 }, () => api.post(`/api/v1/connections/${connectionId}/test`)));
    expect(tests.map((t) => t.status)).toEqual(Array(10).fill(200));
    expect(await refreshes()).toBe(before + 1);

    // Zoom answers 124 (token no longer valid): one refresh and one retry, both counted.
    const refused = await zoomCalls('token_refresh_needed');
    await callJson(confer.emulator.url, 'POST', '/_emulator/faults', { match: { method: 'GET', path: '/v2/users/me' }, status: 401, zoomCode: 124, message: 'Invalid access token.', times: 1 });
    expect((await api.post(`/api/v1/connections/${connectionId}/test`)).status).toBe(200);
    expect(await zoomCalls('token_refresh_needed')).toBe(refused + 1);
    expect(await refreshes()).toBe(before + 2);

    // A per-second 429 is waited out inside the call: the caller sees 200, the operator sees the limit.
    const limited = await zoomCalls('rate_limited');
    await callJson(confer.emulator.url, 'POST', '/_emulator/faults', { match: { method: 'GET', path: '/v2/users/me' }, status: 429, times: 1 });
    expect((await api.post(`/api/v1/connections/${connectionId}/test`)).status).toBe(200);
    expect(await zoomCalls('rate_limited')).toBe(limited + 1);

    // Someone else spent the refresh token: Zoom refuses the next grant, and the host must re-authorize.
    await spendRefreshToken(confer, connectionId);
    expect((await api.post(`/api/v1/connections/${connectionId}/test`)).body.code).toBe('CONNECTION_NEEDS_REAUTHORIZATION');
    const samples = await metricsOf();
    expect(sampleValue(samples, 'confer_zoom_token_refreshes_total', { outcome: 'rejected' })).toBe(1);
    expect(sampleValue(samples, 'confer_zoom_token_refreshes_total', { outcome: 'ok' })).toBe(before + 2);
  });

  it('answers a scrape without the token 401 problem+json, and one with it 200', async () => {
    const url = `${setup.confer.url}/metrics`;
    for (const authorization of [undefined, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Basic ${Buffer.from(`x:${token}`).toString('base64')}`, token]) {
      const response = await fetch(url, authorization ? { headers: { authorization } } : {});
      expect(response.status, authorization ?? '(none)').toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      const problem = await response.json() as { code: string; detail: string };
      expect(problem.code).toBe('UNAUTHENTICATED');
      expect(problem.detail).not.toContain(token);
    }
    const allowed = await fetch(url, { headers: { authorization: `bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('confer_http_request_duration_seconds_bucket');
  });
});

describe('metrics of a web and a worker process, each on its METRICS_PORT', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let setup: Setup;
  let worker: ChildProcess | undefined;
  let workerMetrics: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // The web process works no jobs: the booking's meeting and email can only be the worker's.
    setup = await setUp(await startTestConfer({ smtp: sink, roles: { http: true, jobs: false }, env: { METRICS_PORT: '0' } }));
    const port = await freePort();
    worker = await startWorkerProcess(setup.confer, { METRICS_PORT: String(port) });
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    await bookOne(setup);
  }, 120_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await setup?.confer.close();
    await sink?.close();
  });

  it('the worker serves its jobs, Zoom calls and emails; the web process its requests; neither the other’s', async () => {
    const fromWorker: PrometheusSample[] = await scrape(workerMetrics);
    for (const queue of [meetingQueue, emailQueue]) {
      expect(sampleValue(fromWorker, 'confer_job_duration_seconds_count', { queue }), queue).toBeGreaterThanOrEqual(1);
    }
    expect(sampleValue(fromWorker, 'confer_zoom_api_requests_total', { operation: 'meetings.create', outcome: 'ok' })).toBe(1);
    expect(sampleValue(fromWorker, 'confer_email_attempts_total', { kind: 'booking_confirmation', outcome: 'sent' })).toBe(1);
    expect(sampleValue(fromWorker, 'confer_http_request_duration_seconds_count')).toBeUndefined();

    const fromWeb = await scrape(`${setup.confer.confer.metricsUrl}/metrics`);
    expect(sampleValue(fromWeb, 'confer_http_request_duration_seconds_count', { method: 'POST', route: bookingRoute, status_code: '201' })).toBe(1);
    expect(sampleValue(fromWeb, 'confer_job_duration_seconds_count', { queue: meetingQueue })).toBeUndefined();
  });

  it('with METRICS_PORT, the main port serves no metrics, and the metrics port nothing else', async () => {
    expect((await fetch(`${setup.confer.url}/metrics`)).status).toBe(404);
    const other = await fetch(workerMetrics.replace('/metrics', '/healthz'));
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
