import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * Closes the HTTP app, letting requests in flight finish for at most `seconds`: past that, the
 * connections still open are cut, so a client that stopped reading a recording (its write never
 * drains) cannot hold a stopping Confer forever. A cut recording resumes with a Range request.
 */
export async function closeServerWithin(app: FastifyInstance, seconds: number, logger: Logger): Promise<void> {
  const timer = setTimeout(() => {
    logger.warn({ seconds }, 'requests still running after the shutdown timeout: closing their connections');
    app.server.closeAllConnections();
  }, seconds * 1000);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}
