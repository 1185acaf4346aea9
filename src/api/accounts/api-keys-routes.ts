import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireSignedInPerson } from '../../accounts/api-key-reach.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../accounts/api-keys.ts';
import type { Db } from '../../core/database/database.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireViewer } from '../session-auth.ts';

const apiKeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to tell keys apart'),
  kind: z.enum(['user', 'folder']),
  folderId: z.uuid().nullable().describe('Set for a folder key'),
  folderIds: z.array(z.uuid()).describe('The folders the key reaches'),
  personal: z.boolean().describe('Whether the key reaches its user’s personal connections, booking pages and bookings'),
  access: z.enum(['read', 'write']),
  createdBy: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable().describe('To the minute'),
  revokedAt: z.iso.datetime().nullable(),
});

const createBody = z.object({
  name: z.string().trim().min(1, 'give the key a name').max(120),
  access: z.enum(['read', 'write']).describe('read: GET only; write: everything the key reaches'),
  folderId: z.uuid().optional().describe('Make a folder key (you must administer the folder)'),
  folderIds: z.array(z.uuid()).max(100).optional().describe('A user key: the folders it reaches'),
  personal: z.boolean().optional().describe('A user key: reach your personal connections, pages and bookings (default true)'),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
}).strict();

const idParams = z.object({ id: z.uuid('an API key id') });

/** `/api/v1/api-keys`: keys for automations. Managing keys takes a signed-in person, never a key. */
export function apiKeysRoutes(db: Db) {
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['api-keys'];

    app.get('/api/v1/api-keys', {
      schema: { summary: 'List the API keys you may see and revoke', tags, response: { 200: z.object({ apiKeys: z.array(apiKeyView) }) } },
    }, async (request) => ({ apiKeys: await listApiKeys(db, requireSignedInPerson(requireViewer(request), 'Listing API keys')) }));

    app.post('/api/v1/api-keys', {
      schema: {
        summary: 'Create an API key; its secret is in this answer only',
        tags,
        body: createBody,
        response: { 201: apiKeyView.extend({ secret: z.string().describe('Send as `Authorization: Bearer <secret>`. Shown once; Confer keeps only a hash.') }) },
      },
    }, async (request, reply) => {
      const viewer = requireSignedInPerson(requireViewer(request), 'Creating an API key');
      const { expiresAt, ...input } = request.body;
      const { key, secret } = await createApiKey(db, viewer, { ...input, ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}) });
      return reply.code(201).header('cache-control', 'no-store').send({ ...key, secret });
    });

    app.delete('/api/v1/api-keys/:id', {
      schema: { summary: 'Revoke an API key at once', tags, params: idParams, response: { 200: apiKeyView } },
    }, async (request) => revokeApiKey(db, requireSignedInPerson(requireViewer(request), 'Revoking an API key'), request.params.id));
  };
}
