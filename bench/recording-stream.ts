/**
 * Recording stream: a 300 MB recording file (the Zoom emulator generates it on the fly) streamed
 * through a `confer web` process of its own, once to a reader as fast as loopback and once to a
 * slow one that stops for 100 ms every 10 MB. Prints, for each, the web process's RSS before and
 * at most during the stream (VmHWM, reset first), its CPU time (user + system) per 100 MB, and the
 * rate. Writes `bench/results/recording-stream.json`; exits 1 when the RSS grows by 50 MB or more.
 *
 *   sh scripts/node24 bench/recording-stream.ts [megabytes=300]
 *
 * PostgreSQL: `DATABASE_URL`'s server when set (a fresh database on it), otherwise an embedded one
 * in a temporary directory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as pause } from 'node:timers/promises';
import { callJson } from '../emulator/zoom/testing/control-client.ts';
import { seedUser } from '../test/support/accounts.ts';
import { apiAs } from '../test/support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../test/support/booking.ts';
import { startTestConfer } from '../test/support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../test/support/connections.ts';
import { eventually } from '../test/support/eventually.ts';
import { freePort } from '../test/support/free-port.ts';
import { startSiblingProcess, stopConferRole } from '../test/support/worker-process.ts';
import { databaseServer, freshDatabase, recordResult, startBenchRun } from './bench-harness.ts';

const megabytes = Number(process.argv[2] ?? 300);
const size = megabytes * 1024 * 1024;
const barMb = 50;

/** RSS, peak RSS (bytes) and CPU seconds of a process, from /proc. */
function processFigures(pid: number): { rss: number; peak: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  // Fields 14 and 15 of /proc/<pid>/stat (after the command in parentheses) are utime and stime in clock ticks.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rss: kib('VmRSS'), peak: kib('VmHWM'), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100 };
}

const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

const run = startBenchRun('recording-stream');
const confer = await startTestConfer({ env: { LOG_LEVEL: 'warn' }, database: { url: await freshDatabase(run, await databaseServer(run)) } });
let web: Awaited<ReturnType<typeof startSiblingProcess>> | undefined;
let ok = false;
try {
  const host = await seedUser(confer.confer.database.db, { name: 'Bea Bench', email: 'bea@example.com' });
  const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  const slug = (await createPage(confer.url, host, pageBody(connectionId))).slug;
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const slots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`);
  const booked = await book(confer.url, slug, { start: slots.body.slots[1].start, email: 'bench@example.com' });
  const api = apiAs(confer.url, host.cookie);
  const meeting = await eventually('the meeting', async () => {
    const b = (await api.get(`/api/v1/bookings/${booked.body.id}`)).body;
    return b.meeting.status === 'ready' ? b.meeting : undefined;
  });
  await callJson(confer.emulator.url, 'POST', `/_emulator/meetings/${meeting.zoomMeetingId}/end`, { mp4Bytes: size });
  const file = await eventually('the recording', async () => {
    const b = (await api.get(`/api/v1/bookings/${booked.body.id}`)).body;
    return b.recordings.find((r: { fileType: string }) => r.fileType === 'MP4') as { downloadPath: string } | undefined;
  });

  const port = await freePort();
  web = await startSiblingProcess(confer, 'web', { PORT: String(port) });
  const url = new URL(file.downloadPath, `http://127.0.0.1:${port}`);

  const runs = [];
  for (const reader of ['fast', 'slow'] as const) {
    const before = processFigures(web.pid!);
    writeFileSync(`/proc/${web.pid}/clear_refs`, '5');
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie: host.cookie } });
    let read = 0;
    let nextPause = 10 * 1024 * 1024;
    for await (const chunk of response.body!) {
      read += chunk.length;
      if (reader === 'slow' && read >= nextPause) {
        nextPause += 10 * 1024 * 1024;
        await pause(100);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const after = processFigures(web.pid!);
    if (read !== size) throw new Error(`read ${read} of ${size} bytes`);
    runs.push({
      reader,
      rssBeforeMb: mb(before.rss),
      rssPeakMb: mb(after.peak),
      rssGrowthMb: mb(Math.max(after.peak, before.rss) - before.rss),
      cpuMsPer100Mb: Number((((after.cpuSeconds - before.cpuSeconds) * 1000) / (megabytes / 100)).toFixed(0)),
      mbPerSecond: Number((megabytes / seconds).toFixed(0)),
    });
  }
  console.log(`\n${megabytes} MB through one confer web process\n`);
  console.log('reader  RSS before  RSS peak  growth  CPU ms/100 MB  MB/s');
  for (const run of runs) {
    console.log(`${run.reader.padEnd(6)}  ${String(run.rssBeforeMb).padStart(10)}  ${String(run.rssPeakMb).padStart(8)}  ${String(run.rssGrowthMb).padStart(6)}  ${String(run.cpuMsPer100Mb).padStart(13)}  ${String(run.mbPerSecond).padStart(4)}`);
  }
  ok = runs.every((run) => run.rssGrowthMb < barMb);
  recordResult('recording-stream', { scenario: 'recording-stream', megabytes, barRssGrowthMb: barMb, runs, met: ok });
} catch (error) {
  console.error(error);
} finally {
  await stopConferRole(web);
  await confer.close();
  for (const cleanup of run.cleanups.reverse()) await cleanup();
}
process.exit(ok ? 0 : 1);
