import { createServer, type Server } from 'node:http';

/**
 * A small stand-in for HashiCorp Vault's KV version 2 read API (`GET /v1/{mount}/data/{path}`),
 * answering as Vault does: 403 for a wrong token, 404 for an unknown path. There is no Vault
 * package to run here, and the client only ever reads.
 */
export async function startVaultKv2(options: { token: string; secrets: Record<string, Record<string, unknown>>; delayMs?: number }) {
  const server: Server = createServer((request, response) => {
    const answer = () => {
      const send = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method !== 'GET') return send(405, { errors: [] });
      if (request.headers['x-vault-token'] !== options.token) return send(403, { errors: ['permission denied'] });
      const match = /^\/v1\/([^/]+)\/data\/(.+)$/.exec(decodeURI(request.url ?? ''));
      const data = match ? options.secrets[`${match[1]}/${match[2]}`] : undefined;
      if (!data) return send(404, { errors: [] });
      return send(200, { request_id: 'test', data: { data, metadata: { version: 1, created_time: new Date().toISOString() } } });
    };
    if (options.delayMs) setTimeout(answer, options.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    addr: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
