import { apiRequest } from './client.ts';

/** What first-run setup needs: the workspace and its first user. */
export interface SetupRequest {
  workspaceName: string;
  name: string;
  email: string;
  password: string;
}

/** `POST /api/v1/setup`: creates the workspace and its first user; 409 once a user exists. */
export async function createWorkspace(request: SetupRequest): Promise<void> {
  await apiRequest<unknown>('POST', '/setup', { body: request });
}
