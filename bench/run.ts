/**
 * `npm run bench [-- name ...]`: runs Confer's benchmark scenarios one after another, each in its
 * own Node process so one scenario's heap and sockets never colour the next one's figures. Every
 * scenario prints its own table and writes `bench/results/<name>.json`; this runner adds a closing
 * summary and exits non-zero when any scenario missed its bar.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface BenchScenario {
  name: string;
  script: string;
  what: string;
}

/** Each entry is a script in this folder; add a line here when a new scenario lands. */
const scenarios: BenchScenario[] = [
  { name: 'emulator', script: 'emulator.ts', what: 'Zoom emulator REST half alone, concurrency 32' },
  { name: 'refresh-storm', script: 'refresh-storm.ts', what: '500 concurrent Zoom calls, expired token, 4 Confer processes, one PostgreSQL' },
  { name: 'free-times', script: 'free-times.ts', what: 'a month of free times for a page whose host holds 5,000 bookings, p50 and p99 (goal ≤ 5 ms p99)' },
  { name: 'recording-stream', script: 'recording-stream.ts', what: 'a 300 MB recording through one confer web process to a fast and a slow reader: RSS growth (bar < 50 MB), CPU per 100 MB' },
  { name: 'booking-throughput', script: 'booking-throughput.ts', what: "200 bookings by 20 concurrent customers, 100 ms Zoom latency: booking to confirmation accepted by SMTP, and Confer's own share (goal p99 ≤ 50 ms)" },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !scenarios.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`Unknown bench scenario ${unknown.join(', ')}. Known: ${scenarios.map((s) => s.name).join(', ')}.`);
  process.exit(2);
}
const chosen = wanted.length === 0 ? scenarios : scenarios.filter((s) => wanted.includes(s.name));

const outcomes: { name: string; ok: boolean; seconds: number }[] = [];
for (const scenario of chosen) {
  console.log(`\n## ${scenario.name}: ${scenario.what}\n`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [fileURLToPath(new URL(scenario.script, import.meta.url))], { stdio: 'inherit' });
  outcomes.push({ name: scenario.name, ok: run.status === 0, seconds: (performance.now() - started) / 1000 });
}

console.log('\n## summary\n');
for (const outcome of outcomes) {
  console.log(`${outcome.ok ? 'met its bar' : 'MISSED its bar'}  ${outcome.name}  (${outcome.seconds.toFixed(1)} s)`);
}
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
