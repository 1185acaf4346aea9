import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Recording, RecordingFile } from '../../state/model.ts';
import type { EmulatorStore } from '../../state/store.ts';
import { resolveAccessToken } from '../authenticate.ts';
import { zoomErrorHandler } from '../define-operation.ts';
import { acceptedScopes, adminScopes, operations } from '../operation-catalog.ts';
import { ZoomApiError, zoomErrors } from '../zoom-errors.ts';
import { recordingFileBytes } from './recording-factory.ts';
import { recordingUrls } from './recording-json.ts';

const contentTypes: Record<RecordingFile['fileType'], string> = {
  MP4: 'video/mp4',
  M4A: 'audio/mp4',
  TRANSCRIPT: 'text/vtt; charset=utf-8',
  CHAT: 'text/plain; charset=utf-8',
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

/**
 * Downloads take what Zoom takes: `Authorization: Bearer` with an OAuth token of the host (or of
 * an admin of the account) holding a recording scope, or the same token — or the `download_token`
 * of `recording.completed` — in the `access_token` query parameter. Returns the query token, if any.
 */
function authorizeDownload(store: EmulatorStore, recording: Recording, request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown>;
  const queryToken = typeof query['access_token'] === 'string' ? query['access_token'] : undefined;
  const headerToken = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  const value = headerToken ?? queryToken;
  if (!value) throw zoomErrors.invalidToken();
  if (value === recording.downloadToken && (recording.downloadTokenExpiresAt ?? 0) > store.now()) return queryToken;
  const caller = resolveAccessToken(store, value);
  const host = store.users.get(recording.hostId);
  const isHost = caller.user.id === recording.hostId;
  const isAdmin = host?.accountId === caller.account.id && recordingAdminScopes.some((s) => caller.scopes.has(s));
  if (!recordingScopes.some((s) => caller.scopes.has(s)) || !(isHost || isAdmin)) throw new ZoomApiError(403, 200, 'No permission.');
  return queryToken;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The zoom.us side of recordings: `download_url`, `play_url` and `share_url`. */
export function registerDownloadRoutes(app: FastifyInstance, store: EmulatorStore): void {
  app.get<{ Params: { fileId: string } }>('/rec/download/:fileId', { errorHandler: zoomErrorHandler }, async (request, reply) => {
    const { recording, file } = findFile(store, request.params.fileId);
    authorizeDownload(store, recording, request);
    const name = `${recording.topic.replace(/[^\w.-]+/g, '_')}.${file.fileExtension.toLowerCase()}`;
    return reply
      .header('content-type', contentTypes[file.fileType])
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(recordingFileBytes(file));
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
