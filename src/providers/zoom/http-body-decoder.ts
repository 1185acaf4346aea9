import type { ResponseHead } from './http-response-head.ts';

/**
 * Turns the bytes after an answer's head into its body, as framed by the head: a Content-Length,
 * chunked transfer coding, or (neither given) everything until the connection closes. `decode`
 * returns views into the bytes it was given, valid only until the caller's buffer is reused.
 */
export interface BodyDecoder {
  decode(data: Buffer): Buffer[];
  /** The whole body has been decoded; what follows is not part of it. */
  readonly done: boolean;
  /** Only the connection's close ends the body. */
  readonly endsAtClose: boolean;
  /** The body's length when the head declared it (Content-Length, or none for 204 and 304). */
  readonly length: number | undefined;
}

/** The longest chunk-size or trailer line accepted: real ones are a few bytes. */
const maxLineLength = 4096;

export function createBodyDecoder(head: ResponseHead): BodyDecoder {
  if (head.status === 204 || head.status === 304) return lengthDecoder(0);
  const coding = head.headers.get('transfer-encoding');
  if (coding !== undefined) {
    if (coding.toLowerCase().split(',').map((c) => c.trim()).at(-1) !== 'chunked') throw new Error(`a transfer coding other than chunked: ${coding}`);
    return chunkedDecoder();
  }
  const length = head.headers.get('content-length');
  if (length === undefined) return untilClose();
  if (!/^\d{1,15}$/.test(length)) throw new Error(`not a Content-Length: ${length}`);
  return lengthDecoder(Number(length));
}

function lengthDecoder(length: number): BodyDecoder {
  let remaining = length;
  return {
    decode(data) {
      const take = Math.min(remaining, data.length);
      remaining -= take;
      return take > 0 ? [data.subarray(0, take)] : [];
    },
    get done() {
      return remaining === 0;
    },
    endsAtClose: false,
    length,
  };
}

function untilClose(): BodyDecoder {
  return { decode: (data) => [data], done: false, endsAtClose: true, length: undefined };
}

function chunkedDecoder(): BodyDecoder {
  let state: 'size' | 'data' | 'after-data' | 'trailer' | 'done' = 'size';
  let line = '';
  let remaining = 0;
  let trailerBytes = 0;
  return {
    decode(data) {
      const parts: Buffer[] = [];
      let at = 0;
      while (at < data.length && state !== 'done') {
        if (state === 'data') {
          const take = Math.min(remaining, data.length - at);
          parts.push(data.subarray(at, at + take));
          at += take;
          remaining -= take;
          if (remaining === 0) state = 'after-data';
          continue;
        }
        const lineFeed = data.indexOf(0x0a, at);
        line += data.toString('latin1', at, lineFeed < 0 ? data.length : lineFeed);
        if (line.length > maxLineLength) throw new Error('a chunk line without an end');
        if (lineFeed < 0) break;
        at = lineFeed + 1;
        const text = line.endsWith('\r') ? line.slice(0, -1) : line;
        line = '';
        if (state === 'size') {
          // Chunk extensions (";name=value") carry nothing Confer needs.
          const size = text.split(';', 1)[0]!.trim();
          if (!/^[0-9a-f]{1,12}$/i.test(size)) throw new Error(`not a chunk size: ${JSON.stringify(size.slice(0, 20))}`);
          remaining = Number.parseInt(size, 16);
          state = remaining === 0 ? 'trailer' : 'data';
        } else if (state === 'after-data') {
          if (text !== '') throw new Error('a chunk longer than its size');
          state = 'size';
        } else if (text === '') {
          state = 'done';
        } else if ((trailerBytes += text.length) > maxLineLength) {
          // Trailers carry nothing Confer uses; endless ones would keep the body open forever.
          throw new Error('trailers without an end');
        }
      }
      return parts;
    },
    get done() {
      return state === 'done';
    },
    endsAtClose: false,
    length: undefined,
  };
}
