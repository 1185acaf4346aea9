/** PostgreSQL's SQLSTATE of a failed query, looking through Drizzle's wrapper to the driver's error. */
export function sqlState(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const uniqueViolation = '23505';
export const exclusionViolation = '23P01';

/**
 * Whether an error (or one of its causes) says the database connection itself went away: the
 * server ended the session (a failover, `pg_terminate_backend`, an idle timeout), the socket broke,
 * or a query ran on a client that had already lost its connection. Such a failure changed nothing
 * that was not rolled back, so the caller may try again on a fresh connection.
 */
export function isConnectionLost(error: unknown): boolean {
  const state = sqlState(error);
  if (state && (lostStates.has(state) || state.startsWith('08'))) return true;
  // The socket's own errors and node-postgres's words come without a SQLSTATE.
  for (let current = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && socketCodes.has(code)) return true;
    if (lostMessages.test(current.message)) return true;
  }
  return false;
}

// 57P01–57P03: the server is shutting down or terminated this session; class 08: connection exceptions.
const lostStates = new Set(['57P01', '57P02', '57P03']);
const socketCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
// node-postgres says these in words, without a code.
const lostMessages = /^(Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;
