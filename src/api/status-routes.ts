import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** The sandbox Zoom a visitor can sign in to, shown on the first page. */
export interface SandboxInfo {
  zoomUrl: string;
  email: string;
  password: string;
}

export interface StatusSource {
  sandbox: SandboxInfo | undefined;
  version: string;
  /** The workspace's name, or undefined while first-run setup has not happened. */
  workspaceName(): Promise<string | undefined>;
}

const statusView = z.object({
  sandbox: z.boolean().describe('Whether Confer talks to the bundled Zoom emulator instead of Zoom'),
  sandboxZoom: z.object({ url: z.string(), email: z.string(), password: z.string() }).optional()
    .describe('In sandbox mode: the emulated Zoom and its demo account (not a real secret)'),
  setupRequired: z.boolean().describe('Whether first-run setup (POST /setup) is still to be done'),
  workspaceName: z.string().optional(),
  version: z.string(),
});

/** `GET /api/v1/status`: what the web app needs before anyone signs in. */
export function statusRoutes(source: StatusSource) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/status', {
      schema: { summary: 'What Confer is before anyone signs in: sandbox or not, setup done or not, version', tags: ['server'], security: [], response: { 200: statusView } },
    }, async () => {
      const workspaceName = await source.workspaceName();
      return {
        sandbox: Boolean(source.sandbox),
        ...(source.sandbox ? { sandboxZoom: { url: source.sandbox.zoomUrl, email: source.sandbox.email, password: source.sandbox.password } } : {}),
        setupRequired: workspaceName === undefined,
        ...(workspaceName === undefined ? {} : { workspaceName }),
        version: source.version,
      };
    });
  };
}
