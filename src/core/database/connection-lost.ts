/**
 * Whether an error (or one of its causes) says the database connection itself went away: the
 * server ended the session (a failover, `pg_terminate_backend`, an idle timeout), the socket broke,
 * or a query ran on a client that had already lost its connection. Such a failure changed nothing
 * that was not rolled back, so the caller may try again on a fresh connection.
 */
export function isConnectionLost(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (lostCodes.has(code) || code.startsWith('08'))) return true;
    if (lostMessages.test(current.message)) return true;
  }
  return false;
}

// 57P01–57P03: the server is shutting down or terminated this session; class 08: connection exceptions.
const lostCodes = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
// node-postgres says these in words, without a code.
const lostMessages = /^(Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;
