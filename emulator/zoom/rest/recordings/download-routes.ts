import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Recording, RecordingFile } from '../../state/model.ts';
import type { EmulatorStore } from '../../state/store.ts';
import { resolveAccessToken } from '../authenticate.ts';
import { zoomErrorHandler } from '../define-operation.ts';
import { acceptedScopes, adminScopes, operations } from '../operation-catalog.ts';
import { ZoomApiError, zoomErrors } from '../zoom-errors.ts';
import { byteRange, generatedStream } from './generated-content.ts';
import { recordingFileBytes } from './recording-factory.ts';
import { recordingUrls } from './recording-json.ts';

const contentTypes: Record<RecordingFile['fileType'], string> = {
  MP4: 'video/mp4',
  M4A: 'audio/mp4',
  TRANSCRIPT: 'text/vtt; charset=utf-8',
  CHAT: 'text/plain; charset=utf-8',
  TIMELINE: 'application/json',
};

const recordingScopes = [...acceptedScopes(operations.recordingGet), ...acceptedScopes(operations.recordingsList)];
const recordingAdminScopes = [...adminScopes(operations.recordingGet), ...adminScopes(operations.recordingsList)];

function findFile(store: EmulatorStore, fileId: string): { recording: Recording; file: RecordingFile } {
  for (const recording of store.recordings.values()) {
    const file = recording.files.find((f) => f.id === fileId);
    if (file) return { recording, file };
  }
  throw new ZoomApiError(404, 3301, 'This recording does not exist.');
}

/** The token a download presents: `Authorization: Bearer`, else the `access_token` query parameter. */
function presentedToken(request: FastifyRequest): { value: string | undefined; queryToken: string | undefined } {
  const query = request.query as Record<string, unknown>;
  const queryToken = typeof query['access_token'] === 'string' ? query['access_token'] : undefined;
  const headerToken = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  return { value: headerToken ?? queryToken, queryToken };
}

/**
 * The API's download links take what Zoom takes: an OAuth token of the host (or of an admin of the
 * account) holding a recording scope, or the API's `download_access_token`, as Bearer or
 * `access_token`. A webhook's `download_token` does not open them. Returns the query token, if any.
 */
function authorizeDownload(store: EmulatorStore, recording: Recording, request: FastifyRequest): string | undefined {
  const { value, queryToken } = presentedToken(request);
  if (!value) throw zoomErrors.invalidToken();
  if (value === recording.downloadToken && (recording.downloadTokenExpiresAt ?? 0) > store.now()) return queryToken;
  const caller = resolveAccessToken(store, value);
  const host = store.users.get(recording.hostId);
  const isHost = caller.user.id === recording.hostId;
  const isAdmin = host?.accountId === caller.account.id && recordingAdminScopes.some((s) => caller.scopes.has(s));
  if (!recordingScopes.some((s) => caller.scopes.has(s)) || !(isHost || isAdmin)) throw new ZoomApiError(403, 200, 'No permission.');
  return queryToken;
}

/** A webhook's `webhook_download` link opens only with that event's `download_token`, for 24 hours. */
function authorizeWebhookDownload(store: EmulatorStore, recording: Recording, file: RecordingFile, request: FastifyRequest): void {
  const { value } = presentedToken(request);
  const live = recording.webhookTokens?.some((t) => t.token === value && t.fileIds.includes(file.id) && t.expiresAt > store.now());
  if (!value || !live) throw zoomErrors.invalidToken();
}

/** The file, whole or the one `Range` asked for (206 with Content-Range; 416 when it cannot be met). */
function sendFile(store: EmulatorStore, request: FastifyRequest, reply: FastifyReply, recording: Recording, file: RecordingFile): FastifyReply {
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) store.stats.downloadsDropped++;
  });
  const name = `${recording.topic.replace(/[^\w.-]+/g, '_')}.${file.fileExtension.toLowerCase()}`;
  const size = file.generated ? file.fileSize : recordingFileBytes(file).length;
  reply
    .header('content-type', contentTypes[file.fileType])
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('accept-ranges', 'bytes');
  const asked = request.headers.range;
  const range = asked === undefined ? { start: 0, endExclusive: size } : byteRange(asked, size);
  if (!range) return reply.code(416).header('content-range', `bytes */${size}`).send();
  if (asked !== undefined) reply.code(206).header('content-range', `bytes ${range.start}-${range.endExclusive - 1}/${size}`);
  reply.header('content-length', String(range.endExclusive - range.start));
  if (file.generated) return reply.send(generatedStream(range.start, range.endExclusive, file.generated.stallAfterBytes));
  return reply.send(recordingFileBytes(file).subarray(range.start, range.endExclusive));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The zoom.us side of recordings: `download_url`, `play_url` and `share_url`. */
export function registerDownloadRoutes(app: FastifyInstance, store: EmulatorStore): void {
  app.get<{ Params: { fileId: string } }>('/rec/download/:fileId', { errorHandler: zoomErrorHandler }, async (request, reply) => {
    const { recording, file } = findFile(store, request.params.fileId);
    authorizeDownload(store, recording, request);
    return sendFile(store, request, reply, recording, file);
  });

  app.get<{ Params: { fileId: string } }>('/rec/webhook_download/:fileId', { errorHandler: zoomErrorHandler }, async (request, reply) => {
    const { recording, file } = findFile(store, request.params.fileId);
    authorizeWebhookDownload(store, recording, file, request);
    return sendFile(store, request, reply, recording, file);
  });

  app.get<{ Params: { fileId: string } }>('/rec/play/:fileId', { errorHandler: zoomErrorHandler }, async (request, reply) => {
    const { recording, file } = findFile(store, request.params.fileId);
    const queryToken = authorizeDownload(store, recording, request);
    const src = recordingUrls.download(store.settings.publicUrl, file) + (queryToken ? `?access_token=${encodeURIComponent(queryToken)}` : '');
    const media = file.fileType === 'MP4' ? `<video controls src="${escapeHtml(src)}"></video>` : `<a href="${escapeHtml(src)}">Download ${escapeHtml(file.fileType)}</a>`;
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><title>${escapeHtml(recording.topic)} - Zoom</title><h1>${escapeHtml(recording.topic)}</h1>${media}`);
  });

  app.get<{ Params: { shareId: string } }>('/rec/share/:shareId', { errorHandler: zoomErrorHandler }, async (request, reply) => {
    const uuid = Buffer.from(request.params.shareId, 'base64url').toString('utf8');
    const recording = store.recordings.get(uuid);
    if (!recording) throw zoomErrors.noRecording();
    const items = recording.files.map((f) => `<li>${escapeHtml(f.fileType)} (${f.fileSize} bytes)</li>`).join('');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><title>${escapeHtml(recording.topic)} - Zoom</title><h1>${escapeHtml(recording.topic)}</h1><ul>${items}</ul>`);
  });
}
