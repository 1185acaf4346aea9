import { connect as connectTcp, isIP, type OnReadOpts, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import type { Writable } from 'node:stream';
import type { RecordingStream } from '../../scheduling/video-provider.ts';
import { parseResponseHead, type ResponseHead } from './http-response-head.ts';
import { createBodyDecoder, type BodyDecoder } from './http-body-decoder.ts';
import { ZoomUnreachableError } from './zoom-api-error.ts';
import { observed, outcomeOfStatus, type ZoomCallObserver } from './zoom-call-observer.ts';

/** How long a recording stream may wait: for Zoom's headers, then between two chunks of its body. */
export interface RecordingStreamTimeouts {
  headersMs: number;
  idleMs: number;
}

/** Zoom sends a download to its storage with one or two redirects; more is a loop. */
const maxRedirects = 5;
/** One socket read, and one buffer of the pool a download's bytes wait in until written on. */
const bufferBytes = 64 * 1024;
/** Buffers a download may have on their way to the reader: its memory, whatever the file's size. */
const poolSize = 16;
/**
 * Free buffers below which the socket is paused. A paused TLS socket still hands over the records
 * it has already decrypted (up to five from one 64 KB read), so that many stay in reserve; reading
 * resumes once half the pool is free again.
 */
const reserve = 6;
const maxHeadBytes = 64 * 1024;
/** Interim (1xx) answers taken before the real one. */
const maxInterimAnswers = 10;
/** Body bytes a paused socket may still hand over before the body is asked for. */
const maxEarlyBytes = 1024 * 1024;

/**
 * Opens a recording file at Zoom with the host's token (Bearer, as Zoom asks of OAuth apps) and
 * resolves once Zoom's headers are in; Zoom's redirects to its storage are followed, and the token
 * goes only to the origin it was meant for. A file of hundreds of MB may take many minutes, so no
 * deadline covers the whole body: the call fails only when the headers are late or the body then
 * stalls. `observe` hears of the call once the headers are in.
 *
 * Why not fetch or node:http: both hand every chunk over in a buffer of its own (fetch copies it
 * once more), so a long download leaves garbage as fast as it runs, and V8 lets up to 64 MB of it
 * pile up before collecting. Here the socket reads into one buffer and bytes wait in a fixed pool
 * until the reader's socket has taken them: a download holds about 1 MB, the GC has nothing to do.
 */
export function openRecordingFile(
  downloadUrl: string, accessToken: string, timeouts: RecordingStreamTimeouts, range?: string, observe?: ZoomCallObserver, tls?: Pick<ConnectionOptions, 'ca'>,
): Promise<RecordingStream> {
  // Passed on from the reader's request into Confer's own: printable ASCII only, one line.
  if (range !== undefined && !/^[\x20-\x7e]*$/.test(range)) return Promise.reject(new ZoomUnreachableError('A Range header cannot span lines or carry other than printable ASCII'));
  return observed(observe, 'recordings.download', async () => {
    const origin = new URL(downloadUrl).origin;
    let url = new URL(downloadUrl);
    for (let redirects = 0; ; redirects++) {
      const headers: Record<string, string> = { ...(url.origin === origin ? { authorization: `Bearer ${accessToken}` } : {}), ...(range ? { range } : {}) };
      const download = await openDownload(url, headers, timeouts, tls);
      const location = download.head.headers.get('location');
      if (download.head.status >= 300 && download.head.status < 400 && location) {
        download.cancel();
        if (redirects === maxRedirects) throw new ZoomUnreachableError(`Zoom redirected the recording more than ${maxRedirects} times`);
        try {
          url = new URL(location, url);
        } catch (error) {
          throw new ZoomUnreachableError('Zoom redirected the recording to an address that is not one', { cause: error });
        }
        continue;
      }
      return { status: download.head.status, bodyLength: download.bodyLength, header: (name) => download.head.headers.get(name.toLowerCase()), pipeTo: download.pipeTo, cancel: download.cancel };
    }
  }, (stream) => outcomeOfStatus(stream.status));
}

interface OpenDownload {
  head: ResponseHead;
  bodyLength: number | undefined;
  pipeTo(destination: Writable): Promise<void>;
  cancel(): void;
}

/** One GET on a connection of its own; resolves with the answer's head, the body not yet read. */
function openDownload(url: URL, headers: Record<string, string>, timeouts: RecordingStreamTimeouts, tls: Pick<ConnectionOptions, 'ca'> | undefined): Promise<OpenDownload> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.reject(new ZoomUnreachableError(`Zoom pointed the recording at a ${url.protocol} address`));
  const readBuffer = Buffer.allocUnsafe(bufferBytes);
  const free: Buffer[] = Array.from({ length: poolSize }, () => Buffer.allocUnsafe(bufferBytes));
  const pooled = new Set(free);
  let head = Buffer.alloc(0);
  let parsed: ResponseHead | undefined;
  let decoder: BodyDecoder | undefined;
  /** Body bytes that came with the head, before anyone asked for the body. */
  let early: Buffer | undefined;
  let destination: Writable | undefined;
  let finished = false;
  let waitingForBuffer = false;
  /** Writes handed to the reader and not yet taken. */
  let writing = 0;
  let idle: NodeJS.Timeout | undefined;
  let unread: NodeJS.Timeout | undefined;
  let settleHead!: { resolve(download: OpenDownload): void; reject(error: Error): void };
  const opened = new Promise<OpenDownload>((resolve, reject) => {
    settleHead = { resolve, reject };
  });
  let settleBody: { resolve(): void; reject(error: Error): void } | undefined;
  let failure: Error | undefined;

  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const onread: OnReadOpts = { buffer: readBuffer, callback: (bytes) => received(readBuffer.subarray(0, bytes)) };
  // tls.connect takes onread as net.connect does (Node's types leave it out).
  const secure: ConnectionOptions & { onread: OnReadOpts } = { host, port, ...(isIP(host) ? {} : { servername: host }), ALPNProtocols: ['http/1.1'], onread, ...tls };
  const socket: Socket = url.protocol === 'https:' ? connectTls(secure) : connectTcp({ host, port, onread });
  const headersTimer = setTimeout(() => fail(new ZoomUnreachableError(`Zoom sent no headers for the recording within ${timeouts.headersMs} ms`)), timeouts.headersMs);

  const fail = (error: Error) => {
    if (finished) return;
    finished = true;
    failure = error;
    clearTimeout(headersTimer);
    clearTimeout(idle);
    clearTimeout(unread);
    socket.destroy();
    if (!parsed) settleHead.reject(error);
    settleBody?.reject(error);
  };
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(idle);
    clearTimeout(unread);
    socket.destroy();
    if (writing === 0) settleBody?.resolve();
  };
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => fail(new ZoomUnreachableError(`Zoom sent nothing of the recording for ${timeouts.idleMs} ms`)), timeouts.idleMs);
  };

  /** Hands body bytes to the reader through one pool buffer; returns false to pause the socket. */
  const forward = (data: Buffer): boolean => {
    const parts = decoder!.decode(data);
    let length = 0;
    for (const part of parts) length += part.length;
    if (length > 0) {
      // Should more arrive after a pause than the reserve holds, those bytes get a buffer of their own.
      const buffer = (length <= bufferBytes ? free.pop() : undefined) ?? Buffer.allocUnsafe(length);
      let at = 0;
      for (const part of parts) at += part.copy(buffer, at);
      writing++;
      destination!.write(buffer.subarray(0, length), () => release(buffer));
    }
    if (decoder!.done) {
      finish();
      return false;
    }
    if (free.length < reserve) {
      waitingForBuffer = true;
      clearTimeout(idle);
      return false;
    }
    armIdle();
    return true;
  };
  const release = (buffer: Buffer) => {
    writing--;
    if (pooled.has(buffer)) free.push(buffer);
    // Done once the reader has taken the last byte, not merely been handed it.
    if (finished && writing === 0 && !failure) settleBody?.resolve();
    if (waitingForBuffer && !finished && free.length >= poolSize / 2) {
      waitingForBuffer = false;
      armIdle();
      socket.resume();
    }
  };

  // Called for every socket read; the bytes live in readBuffer only until it returns.
  const received = (data: Buffer): boolean => {
    if (finished) return false;
    if (!parsed) return readHead(data);
    // A paused TLS socket still hands over records it had decrypted: until someone reads the
    // body they wait here (a few records at most; more means the server ignores the pause).
    if (!destination) {
      early = early ? Buffer.concat([early, data]) : Buffer.from(data);
      if (early.length > maxEarlyBytes) fail(new ZoomUnreachableError('Zoom sent more of the recording than was asked for'));
      return false;
    }
    try {
      return forward(data);
    } catch (error) {
      fail(new ZoomUnreachableError('Zoom’s recording body was not framed as HTTP', { cause: error }));
      return false;
    }
  };

  const readHead = (data: Buffer): boolean => {
    head = Buffer.concat([head, data]);
    // Interim answers (1xx) precede the real one on the same connection; a few are normal.
    for (let interim = 0; ; interim++) {
      const end = head.indexOf('\r\n\r\n');
      if (end < 0 || end > maxHeadBytes) {
        if (end > maxHeadBytes || head.length > maxHeadBytes) fail(new ZoomUnreachableError('Zoom’s answer for the recording had no end to its headers'));
        return end < 0 && !finished;
      }
      try {
        parsed = parseResponseHead(head.subarray(0, end).toString('latin1'));
        decoder = createBodyDecoder(parsed);
      } catch (error) {
        fail(new ZoomUnreachableError('Zoom’s answer for the recording was not HTTP', { cause: error }));
        return false;
      }
      head = head.subarray(end + 4);
      if (parsed.status >= 200) break;
      parsed = undefined;
      if (interim === maxInterimAnswers) {
        fail(new ZoomUnreachableError('Zoom’s answer for the recording never got past its interim answers'));
        return false;
      }
    }
    early = head.length > 0 ? Buffer.from(head) : undefined;
    head = Buffer.alloc(0);
    clearTimeout(headersTimer);
    // The body waits until someone asks for it; a head nobody reads on is dropped in time.
    unread = setTimeout(() => fail(new ZoomUnreachableError('Nobody read the recording Zoom answered with')), timeouts.headersMs);
    settleHead.resolve({ head: parsed, bodyLength: decoder!.length, pipeTo, cancel: () => fail(new ZoomUnreachableError('The recording download was dropped')) });
    return false;
  };

  const pipeTo = (writable: Writable): Promise<void> => new Promise<void>((resolve, reject) => {
    if (failure) return reject(failure);
    if (destination) return reject(new Error('the recording body is already being read'));
    clearTimeout(unread);
    destination = writable;
    settleBody = { resolve, reject };
    // The reader went away (the host closed the player), before or while reading: drop Zoom's
    // connection too. A reader that failed makes the download fail, never succeed.
    const readerGone = () => {
      if (writable.errored) return fail(new ZoomUnreachableError('The reader of the recording failed', { cause: writable.errored }));
      finish();
      resolve();
    };
    writable.on('error', () => readerGone());
    if (writable.destroyed || writable.closed || writable.writableEnded) return readerGone();
    writable.once('close', readerGone);
    if (early) {
      const bytes = early;
      early = undefined;
      if (!received(bytes) && (finished || waitingForBuffer)) return;
    }
    if (decoder!.done) return finish();
    if (upstreamEnded) return decoder!.endsAtClose ? finish() : fail(new ZoomUnreachableError('The recording stream from Zoom broke off'));
    armIdle();
    socket.resume();
  });

  let upstreamEnded = false;
  socket.once('end', () => {
    upstreamEnded = true;
    if (!parsed) return fail(new ZoomUnreachableError('Zoom closed the connection before answering for the recording'));
    // Before anyone reads, the end waits with the bytes that came before it.
    if (!destination) return;
    if (decoder!.endsAtClose || decoder!.done) return finish();
    fail(new ZoomUnreachableError('The recording stream from Zoom broke off'));
  });
  socket.on('error', (error) => fail(new ZoomUnreachableError(parsed ? 'The recording stream from Zoom broke off' : 'Zoom could not be reached for the recording', { cause: error })));
  // Written at once: the socket holds it until connected (and, for TLS, secured).
  const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, 'Accept-Encoding: identity', 'Connection: close', 'User-Agent: Confer'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);

  return opened;
}
