import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createFolder, getFolder, listFolders, listMembers, putMember, removeMember } from '../../accounts/folders.ts';
import { createUser, listUsers } from '../../accounts/users.ts';
import type { ConferServices } from '../../core/services.ts';
import { noContent } from '../common-schemas.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireViewer } from '../session-auth.ts';
import {
  createFolderBody, createUserBody, folderParams, folderView, memberParams, memberView, putMemberBody, userView,
} from './account-schemas.ts';

/** `/users`, `/folders` and `/folders/{id}/members`. */
export function peopleRoutes(services: ConferServices) {
  const { db } = services.database;
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const userTags = ['users'];
    const folderTags = ['folders'];

    app.get('/api/v1/users', {
      schema: { summary: 'List the workspace’s users (owners and admins)', tags: userTags, response: { 200: z.object({ users: z.array(userView) }) } },
    }, async (request) => ({ users: await listUsers(db, requireViewer(request)) }));

    app.post('/api/v1/users', {
      schema: { summary: 'Add a user to the workspace (owners and admins)', tags: userTags, body: createUserBody, response: { 201: userView } },
    }, async (request, reply) => reply.code(201).send(await createUser(db, requireViewer(request), request.body)));

    app.get('/api/v1/folders', {
      schema: { summary: 'List the folders the caller may see, with their role in each', tags: folderTags, response: { 200: z.object({ folders: z.array(folderView) }) } },
    }, async (request) => ({ folders: await listFolders(db, requireViewer(request)) }));

    app.post('/api/v1/folders', {
      schema: { summary: 'Create a folder (owners and admins); its creator becomes its folder admin', tags: folderTags, body: createFolderBody, response: { 201: folderView } },
    }, async (request, reply) => reply.code(201).send(await createFolder(db, requireViewer(request), request.body.name)));

    app.get('/api/v1/folders/:id', {
      schema: { summary: 'One folder, with the caller’s role in it', tags: folderTags, params: folderParams, response: { 200: folderView } },
    }, async (request) => getFolder(db, requireViewer(request), request.params.id));

    app.get('/api/v1/folders/:id/members', {
      schema: { summary: 'List a folder’s members', tags: folderTags, params: folderParams, response: { 200: z.object({ members: z.array(memberView) }) } },
    }, async (request) => ({ members: await listMembers(db, requireViewer(request), request.params.id) }));

    app.post('/api/v1/folders/:id/members', {
      schema: { summary: 'Add a user to a folder, or change their role in it (folder admins)', tags: folderTags, params: folderParams, body: putMemberBody, response: { 201: memberView } },
    }, async (request, reply) => reply.code(201).send(await putMember(db, requireViewer(request), request.params.id, request.body)));

    app.delete('/api/v1/folders/:id/members/:userId', {
      schema: { summary: 'Remove a user from a folder (folder admins)', tags: folderTags, params: memberParams, response: { 204: noContent } },
    }, async (request, reply) => {
      await removeMember(db, requireViewer(request), request.params.id, request.params.userId);
      return reply.code(204).send();
    });
  };
}
