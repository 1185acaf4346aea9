import { createServer } from 'node:net';
import { ConferError } from '../errors/confer-error.ts';

/** What a start that cannot have its port says: which setting, which port, and what to do. */
export function portInUse(variable: string, port: number, cause?: unknown): ConferError {
  return new ConferError('CONFIG_INVALID', `${variable}=${port}: another program is already listening on that port. Stop it, or set ${variable} to a free port.`, cause === undefined ? {} : { cause });
}

/**
 * Fails with `portInUse` when `port` cannot be listened on, before anything slow has started (the
 * embedded database, the job queue), so a busy port costs a clear line instead of a stack trace.
 */
export async function ensurePortFree(host: string, port: number, variable: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(variable, port, error) : error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
