import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { FastifyReply } from 'fastify';
import { ConferError } from '../core/errors/confer-error.ts';

/** Headers of Zoom's answer worth passing on (type, size, ranges for seeking). */
const forwardedHeaders = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'];

/** What names a recording file for the person saving it. */
export interface RecordingFileName {
  fileType: string;
  fileExtension: string;
  /** The day it was recorded (YYYY-MM-DD), when known. */
  day: string | undefined;
}

/**
 * Streams a recording file Zoom handed over, to play inline or to download. Zoom's download URLs
 * need the host's token, so files go through Confer rather than as links; nothing is cached.
 */
export async function sendRecordingFile(reply: FastifyReply, upstream: Response, name: RecordingFileName, disposition: 'play' | 'download'): Promise<FastifyReply> {
  if (!upstream.ok || !upstream.body) {
    await upstream.body?.cancel();
    throw new ConferError(upstream.status === 404 ? 'NOT_FOUND' : 'ZOOM_REQUEST_FAILED', `Zoom did not hand over the recording file (HTTP ${upstream.status}).`);
  }
  for (const header of forwardedHeaders) {
    const value = upstream.headers.get(header);
    if (value) reply.header(header, value);
  }
  const filename = `${name.fileType.toLowerCase() || 'file'}-${name.day ?? 'recording'}.${name.fileExtension.toLowerCase() || 'bin'}`.replace(/[^\w.-]/g, '_');
  reply.header('content-disposition', `${disposition === 'download' ? 'attachment' : 'inline'}; filename="${filename}"`);
  reply.header('cache-control', 'private, no-store');
  return reply.code(upstream.status === 206 ? 206 : 200).send(Readable.fromWeb(upstream.body as ReadableStream));
}
