import { Readable } from 'node:stream';

/**
 * Recording files of any size, made on the fly instead of stored: byte `i` is a fixed function of
 * `i`, so a test can check any part of a download by its own arithmetic, and nothing large ever sits
 * in memory or on disk.
 */
export function generatedByte(offset: number): number {
  return (offset * 7 + Math.floor(offset / 251)) & 0xff;
}

export function generatedBytes(start: number, endExclusive: number): Buffer {
  const chunk = Buffer.allocUnsafe(endExclusive - start);
  for (let i = 0; i < chunk.length; i++) chunk[i] = generatedByte(start + i);
  return chunk;
}

const chunkSize = 64 * 1024;

/**
 * Bytes `start` up to `endExclusive`, produced only as fast as the reader takes them
 * (backpressure). With `stallAfterBytes` the stream goes silent there and stays open, as a stuck
 * upstream would.
 */
export function generatedStream(start: number, endExclusive: number, stallAfterBytes?: number): Readable {
  let next = start;
  const stopAt = stallAfterBytes === undefined ? endExclusive : Math.min(endExclusive, start + stallAfterBytes);
  return new Readable({
    read() {
      if (next >= stopAt) {
        if (stopAt === endExclusive) this.push(null);
        return;
      }
      const end = Math.min(stopAt, next + chunkSize);
      const chunk = generatedBytes(next, end);
      next = end;
      this.push(chunk);
    },
  });
}

/** One `Range: bytes=N-` or `bytes=N-M` against a file of `size` bytes; undefined when unsatisfiable or not one range. */
export function byteRange(header: string, size: number): { start: number; endExclusive: number } | undefined {
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const last = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || last < start) return undefined;
  return { start, endExclusive: last + 1 };
}
