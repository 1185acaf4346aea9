import type { FastifyInstance } from 'fastify';

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

const statusSchema = {
  type: 'object',
  required: ['sandbox', 'setupRequired', 'version'],
  properties: {
    sandbox: { type: 'boolean' },
    sandboxZoom: { type: 'object', properties: { url: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } } },
    setupRequired: { type: 'boolean' },
    workspaceName: { type: 'string' },
    version: { type: 'string' },
  },
} as const;

/** `GET /api/v1/status`: what the web app needs before anyone signs in. */
export function statusRoutes(source: StatusSource) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/status', { schema: { response: { 200: statusSchema } } }, async () => {
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
