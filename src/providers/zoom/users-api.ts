import { z } from 'zod';
import { sendZoomApiRequest } from './api-request.ts';
import type { ZoomApi } from './zoom-call-observer.ts';

const zoomUserSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  email: z.string(),
  first_name: z.string().optional().default(''),
  last_name: z.string().optional().default(''),
  display_name: z.string().optional(),
  timezone: z.string().optional(),
});

/** The Zoom user a token acts for. */
export interface ZoomUser {
  id: string;
  accountId: string;
  email: string;
  name: string;
  timeZone: string | undefined;
}

/** Parses `GET /users/me`. */
export function parseZoomUser(body: unknown): ZoomUser {
  const user = zoomUserSchema.parse(body);
  const name = user.display_name?.trim() || `${user.first_name} ${user.last_name}`.trim() || user.email;
  return { id: user.id, accountId: user.account_id, email: user.email, name, timeZone: user.timezone };
}

/** `GET /users/me` (scope user_info:read, user:read or user:read:user). */
export async function getCurrentUser(api: ZoomApi, accessToken: string): Promise<ZoomUser> {
  const { body } = await sendZoomApiRequest(api, accessToken, { operation: 'users.me', method: 'GET', path: '/users/me' });
  return parseZoomUser(body);
}
