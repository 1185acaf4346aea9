import type { FastifyReply } from 'fastify';
import { ConferError } from '../core/errors/confer-error.ts';
import type { RecordingStream } from '../scheduling/video-provider.ts';

/**
 * Headers of Zoom's answer worth passing on (type, ranges for seeking). Its framing is not among
 * them: the length comes from how the body was actually read, never copied from a header.
 */
const forwardedHeaders = ['content-type', 'content-range', 'accept-ranges', 'last-modified', 'etag'];

/** What names a recording file for the person saving it. */
export interface RecordingFileName {
  fileType: string;
  fileExtension: string;
  /** The day it was recorded (YYYY-MM-DD), when known. */
  day: string | undefined;
}

/**
 * Streams a recording file Zoom handed over, to play inline or to download. Zoom's download URLs
 * need the host's token, so files go through Confer rather than as links; nothing is cached. The
 * bytes go straight onto the reader's socket (the reply is taken over from Fastify for that), so
 * the download's fixed buffers are reused as soon as the reader has them.
 */
export async function sendRecordingFile(reply: FastifyReply, upstream: RecordingStream, name: RecordingFileName, disposition: 'play' | 'download'): Promise<void> {
  if (upstream.status !== 200 && upstream.status !== 206) {
    upstream.cancel();
    throw new ConferError(upstream.status === 404 ? 'NOT_FOUND' : 'ZOOM_REQUEST_FAILED', `Zoom did not hand over the recording file (HTTP ${upstream.status}).`);
  }
  for (const header of forwardedHeaders) {
    const value = upstream.header(header);
    if (value) reply.header(header, value);
  }
  const filename = `${name.fileType.toLowerCase() || 'file'}-${name.day ?? 'recording'}.${name.fileExtension.toLowerCase() || 'bin'}`.replace(/[^\w.-]/g, '_');
  reply.header('content-disposition', `${disposition === 'download' ? 'attachment' : 'inline'}; filename="${filename}"`);
  reply.header('cache-control', 'private, no-store');
  if (upstream.bodyLength !== undefined) reply.header('content-length', String(upstream.bodyLength));
  reply.hijack();
  const raw = reply.raw;
  try {
    for (const [header, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(header, value);
    raw.writeHead(upstream.status);
  } catch (error) {
    reply.log.warn({ err: error }, 'Zoom’s answer for the recording could not be passed on');
    upstream.cancel();
    raw.destroy();
    return;
  }
  try {
    await upstream.pipeTo(raw);
    if (!raw.destroyed) raw.end();
  } catch (error) {
    // The status line is out: all that is left is to cut the answer short, which the reader sees.
    reply.log.warn({ err: error }, 'the recording stream from Zoom broke off');
    raw.destroy();
  }
}
