// The body decoders fed a response split at every offset (and every pair of offsets), byte by byte too.
import { createBodyDecoder } from '../src/providers/zoom/http-body-decoder.ts';
import { parseResponseHead } from '../src/providers/zoom/http-response-head.ts';

function run(headText: string, wire: Buffer, cuts: number[]): { out: Buffer; done: boolean; error?: string } {
  const decoder = createBodyDecoder(parseResponseHead(headText));
  const out: Buffer[] = [];
  let at = 0;
  try {
    for (const cut of [...cuts, wire.length]) {
      // A fresh copy per read, overwritten after: views must not be kept past the read.
      const read = Buffer.from(wire.subarray(at, cut));
      for (const part of decoder.decode(read)) out.push(Buffer.from(part));
      read.fill(0x58);
      at = cut;
      if (decoder.done) break;
    }
  } catch (e) { return { out: Buffer.concat(out), done: decoder.done, error: (e as Error).message }; }
  return { out: Buffer.concat(out), done: decoder.done };
}

const cases: Array<{ name: string; head: string; wire: string; body: string }> = [
  { name: 'chunked, extensions, trailers', head: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked', wire: '5;name=val;q="a;b"\r\nhello\r\n1\r\n \r\nA ; ext\r\n0123456789\r\n0;last\r\nX-Trailer: 1\r\nY: 2\r\n\r\nGARBAGE', body: 'hello 0123456789' },
  { name: 'chunked, uppercase hex, chunk of CRLFs', head: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked', wire: '4\r\n\r\n\r\n\r\n1F\r\n' + 'x'.repeat(31) + '\r\n0\r\n\r\n', body: '\r\n\r\n' + 'x'.repeat(31) },
  { name: 'content-length, extra bytes after', head: 'HTTP/1.1 200 OK\r\nContent-Length: 7', wire: 'exactlyEXTRA', body: 'exactly' },
  { name: '204 with bytes', head: 'HTTP/1.1 204 No Content\r\nContent-Length: 10', wire: 'junkjunkju', body: '' },
  { name: '304 chunked', head: 'HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked', wire: '5\r\nhello\r\n0\r\n\r\n', body: '' },
];
let bad = 0;
for (const c of cases) {
  const wire = Buffer.from(c.wire, 'latin1');
  const expected = Buffer.from(c.body, 'latin1');
  const problems = new Set<string>();
  const check = (cuts: number[]) => {
    const r = run(c.head, wire, cuts);
    const ok = !r.error && r.done && r.out.equals(expected);
    if (!ok) problems.add(`cuts ${JSON.stringify(cuts)}: ${r.error ?? ''} done=${r.done} got ${JSON.stringify(r.out.toString('latin1'))}`);
  };
  check([]);
  for (let i = 0; i <= wire.length; i++) check([i]);
  for (let i = 0; i <= wire.length; i++) for (let j = i; j <= wire.length; j++) check([i, j]);
  check(Array.from({ length: wire.length }, (_, i) => i));
  console.log(`${c.name}: ${problems.size === 0 ? 'all splits OK' : `${problems.size} bad, e.g. ${[...problems].slice(0, 2).join(' ; ')}`}`);
  bad += problems.size;
}
// Leniency probes: what the chunked decoder accepts that RFC 9112 does not.
for (const [name, wire] of [
  ['bare LF line ends', '5\nhello\n0\n\n'],
  ['whitespace around size', ' 5 \r\nhello\r\n0\r\n\r\n'],
  ['size followed by CR CR', '5\r\r\nhello\r\n0\r\n\r\n'],
  ['no CRLF after data (server lies)', '5\r\nhelloX\r\n0\r\n\r\n'],
  ['obs: 13-digit size', '1000000000000\r\n'],
] as const) {
  const r = run('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked', Buffer.from(wire, 'latin1'), []);
  console.log(`probe ${name}: ${r.error ? `rejected (${r.error})` : `accepted, body ${JSON.stringify(r.out.toString())} done=${r.done}`}`);
}
process.exitCode = bad ? 1 : 0;
