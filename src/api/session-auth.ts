import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { requirePersonalReach } from '../accounts/api-key-reach.ts';
import { findApiKeyViewer } from '../accounts/api-keys.ts';
import { findViewer, sessionCookieName, type Viewer } from '../accounts/sessions.ts';
import type { Db } from '../core/database/database.ts';
import { ConferError } from '../core/errors/confer-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user or the API key's, or null. Set for every request under /api and /connections. */
    viewer: Viewer | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads one cookie from the Cookie header (no dependency needed for a single name). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  const attributes = [`${sessionCookieName}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expiresAt.toUTCString()}`];
  if (secure) attributes.push('Secure');
  reply.header('set-cookie', attributes.join('; '));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.header('set-cookie', `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`);
}

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new ConferError('UNAUTHENTICATED', 'Sign in to Confer first.');
  return request.viewer;
}

/** The signed-in viewer acting as a host (booking pages, bookings): an API key needs personal reach. */
export function requireHost(request: FastifyRequest): Viewer {
  return requirePersonalReach(requireViewer(request));
}

/**
 * Whether a state-changing request came from Confer's own pages. SameSite=Lax already keeps the
 * cookie off cross-site POSTs; this is the second lock: the browser's Origin (always sent on
 * non-GET fetches) must be Confer's public origin or the origin the request was addressed to.
 */
function isSameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin;
  if (!origin) return false;
  if (origin === publicOrigin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * The viewer behind `Authorization: Bearer <API key>`. A key that is not (or no longer) valid is
 * refused outright rather than treated as signed out, so an automation learns at once; a read key
 * asking to change something is refused before any route runs.
 */
async function apiKeyViewer(db: Db, request: FastifyRequest): Promise<Viewer> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  const viewer = match ? await findApiKeyViewer(db, match[1]!) : undefined;
  if (!viewer) throw new ConferError('API_KEY_INVALID', 'The API key is not valid: it is unknown, revoked or expired. Send it as `Authorization: Bearer <key>`.');
  if (viewer.apiKey?.access === 'read' && !safeMethods.has(request.method)) {
    throw new ConferError('API_KEY_READ_ONLY', 'This API key may only read; create a key with write access to make changes.');
  }
  return viewer;
}

/**
 * Resolves the session cookie into `request.viewer` and refuses cross-site state changes to the API.
 * Requests without the cookie pass through unauthenticated (routes decide what they need).
 */
export const sessionAuth = fp(async (app: FastifyInstance, options: { db: Db; publicUrl: string }) => {
  const publicOrigin = new URL(options.publicUrl).origin;
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const token = readCookie(request, sessionCookieName);
    // Browser calls to the API must come from Confer's pages, signed in or not (a forged sign-in is
    // an attack too). Automations authenticate with an Authorization header and send no cookie.
    const fromBrowser = token !== undefined || request.headers.authorization === undefined;
    if (fromBrowser && request.url.startsWith('/api/') && !safeMethods.has(request.method) && !isSameOrigin(request, publicOrigin)) {
      throw new ConferError('CROSS_SITE_REQUEST_REJECTED', 'This request did not come from Confer’s own pages, so it was refused and nothing changed.');
    }
    if (token) request.viewer = (await findViewer(options.db, token)) ?? null;
    else if (request.headers.authorization !== undefined && request.url.startsWith('/api/')) request.viewer = await apiKeyViewer(options.db, request);
  });
}, { name: 'confer-session-auth' });
