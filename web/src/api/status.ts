import { apiRequest } from './client.ts';

/** The sandbox Zoom (the bundled emulator) and the demo account to sign in to it with. */
export interface SandboxZoom {
  url: string;
  email: string;
  password: string;
}

/** `GET /api/v1/status`: what the web app needs to know before anyone signs in. */
export interface ConferStatus {
  sandbox: boolean;
  sandboxZoom?: SandboxZoom;
  setupRequired: boolean;
  workspaceName?: string;
  version: string;
}

export function fetchStatus(signal?: AbortSignal): Promise<ConferStatus> {
  return apiRequest<ConferStatus>('GET', '/status', signal ? { signal } : {});
}
