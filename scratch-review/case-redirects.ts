// Redirects as a hostile Zoom could send them: where does the token go, what reaches the wire.
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, collector, outcome, cert } from './lib.ts';

let aScript: (request: string) => string = () => '';
const a = await rawServer((s, req) => s.end(aScript(req)));
const b = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
const t = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), { tls: true });
const redirect = (location: string, status = 302) => `HTTP/1.1 ${status} Found\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`;
const auth = (req: string) => /\r\nauthorization: ([^\r]*)/i.exec(req)?.[1] ?? 'none';

async function hop(name: string, location: string, opts: { range?: string } = {}) {
  let first = true;
  aScript = (req) => { if (first) { first = false; return redirect(location); } return `HTTP/1.1 200 OK\r\nContent-Length: ${('auth=' + auth(req)).length}\r\n\r\nauth=${auth(req)}`; };
  const before = { a: a.seen.length, b: b.seen.length, t: t.seen.length };
  const opened = openRecordingFile(`${a.url}/start`, 'SECRET', { headersMs: 1000, idleMs: 500 }, opts.range, undefined, { ca: cert });
  const r = await outcome(opened, 3000);
  let where = '';
  for (const [k, srv] of Object.entries({ a, b, t })) for (const s of srv.seen.slice(before[k as 'a'] + (k === 'a' ? 1 : 0))) where += ` [${k}: "${s.request.split('\r\n')[0]}" auth=${auth(s.request)}]`;
  if (r === 'resolved') { const c = collector(); await outcome((await opened).pipeTo(c.destination), 1000); }
  console.log(`${name} → ${JSON.stringify(location)}: ${r}${where}`);
}
const bHost = `127.0.0.1:${b.port}`;
await hop('other origin', `http://${bHost}/x`);
await hop('protocol-relative', `//${bHost}/x`);
await hop('userinfo on other origin', `http://user:pw@${bHost}/x`);
await hop('zoom host as userinfo', `http://127.0.0.1:${a.port}@${bHost}/x`);
await hop('backslashes', `http:\\\\${bHost}\\x`);
await hop('same origin, userinfo', `http://u:p@127.0.0.1:${a.port}/same`);
await hop('same host other name (localhost)', `http://localhost:${a.port}/same`);
await hop('http → https other origin', `https://localhost:${t.port}/x`);
await hop('percent-encoded CRLF in path', `/x%0d%0aX-Injected:%201`);
await hop('tab/space in location', `/x\ty z`);
await hop('latin1 byte in location', `/caf\u00e9`);
for (const loc of ['ftp://127.0.0.1/x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:,hi', 'http://[::1', 'http://', 'https://exa mple.com/']) await hop('odd scheme/invalid', loc);
// Range: CR/LF refused; other control characters?
for (const range of ['bytes=0-\r\nX: 1', 'bytes=0-\nX: 1', 'bytes=0-\u0000', 'bytes=0-\u2028X: 1', 'bytes=0-\u010d\u010aX: 1']) {
  aScript = (req) => `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(req, 'latin1')}\r\n\r\n${req}`;
  const opened = openRecordingFile(`${a.url}/r`, 'SECRET', { headersMs: 1000, idleMs: 500 }, range);
  const r = await outcome(opened, 2000);
  let sent = '';
  if (r === 'resolved') { const c = collector(); await outcome((await opened).pipeTo(c.destination), 1000); sent = c.bytes().toString('latin1'); }
  const lines = sent.split('\r\n').filter((l) => /range|X:/i.test(l));
  console.log(`range ${JSON.stringify(range)}: ${r}${sent ? `; server saw header lines ${JSON.stringify(lines)} raw bytes ${JSON.stringify(Buffer.from(/range: (.*)/i.exec(sent)?.[1] ?? '', 'latin1').toString('hex'))}` : ''}`);
}
await a.close(); await b.close(); await t.close();
