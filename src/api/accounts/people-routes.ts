import type { FastifyInstance } from 'fastify';
import { createFolder, getFolder, listFolders, listMembers, putMember, removeMember } from '../../accounts/folders.ts';
import { createUser, listUsers } from '../../accounts/users.ts';
import type { ConferServices } from '../../core/services.ts';
import { requireViewer } from '../session-auth.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const name = { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const userSchema = { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, createdAt: { type: 'string' } } } as const;
const folderSchema = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, createdAt: { type: 'string' } } } as const;
const memberSchema = { type: 'object', properties: { userId: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } } } as const;

/** `/users`, `/folders` and `/folders/{id}/members`. */
export function peopleRoutes(services: ConferServices) {
  const { db } = services.database;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/users', { schema: { response: { 200: { type: 'object', properties: { users: { type: 'array', items: userSchema } } } } } },
      async (request) => ({ users: await listUsers(db, requireViewer(request)) }));

    app.post<{ Body: { name: string; email: string; role: 'owner' | 'admin' | 'member'; password: string } }>('/api/v1/users', {
      schema: {
        body: {
          type: 'object', required: ['name', 'email', 'role', 'password'], additionalProperties: false,
          properties: { name, email: { type: 'string', format: 'email', maxLength: 254 }, role: { type: 'string', enum: ['owner', 'admin', 'member'] }, password: { type: 'string', minLength: 12, maxLength: 200 } },
        },
        response: { 201: userSchema },
      },
    }, async (request, reply) => reply.code(201).send(await createUser(db, requireViewer(request), request.body)));

    app.get('/api/v1/folders', { schema: { response: { 200: { type: 'object', properties: { folders: { type: 'array', items: folderSchema } } } } } },
      async (request) => ({ folders: await listFolders(db, requireViewer(request)) }));

    app.post<{ Body: { name: string } }>('/api/v1/folders', {
      schema: { body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name } }, response: { 201: folderSchema } },
    }, async (request, reply) => reply.code(201).send(await createFolder(db, requireViewer(request), request.body.name)));

    app.get<{ Params: { id: string } }>('/api/v1/folders/:id', { schema: { params: idParams, response: { 200: folderSchema } } },
      async (request) => getFolder(db, requireViewer(request), request.params.id));

    app.get<{ Params: { id: string } }>('/api/v1/folders/:id/members', {
      schema: { params: idParams, response: { 200: { type: 'object', properties: { members: { type: 'array', items: memberSchema } } } } },
    }, async (request) => ({ members: await listMembers(db, requireViewer(request), request.params.id) }));

    app.post<{ Params: { id: string }; Body: { userId: string; role: 'folder_admin' | 'member' } }>('/api/v1/folders/:id/members', {
      schema: {
        params: idParams,
        body: { type: 'object', required: ['userId', 'role'], additionalProperties: false, properties: { userId: uuid, role: { type: 'string', enum: ['folder_admin', 'member'] } } },
        response: { 201: memberSchema },
      },
    }, async (request, reply) => reply.code(201).send(await putMember(db, requireViewer(request), request.params.id, request.body)));

    app.delete<{ Params: { id: string; userId: string } }>('/api/v1/folders/:id/members/:userId', {
      schema: { params: { type: 'object', required: ['id', 'userId'], properties: { id: uuid, userId: uuid } } },
    }, async (request, reply) => {
      await removeMember(db, requireViewer(request), request.params.id, request.params.userId);
      return reply.code(204).send();
    });
  };
}
