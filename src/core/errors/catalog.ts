/**
 * Every error Confer reports, by code. The code is the stable contract (clients branch on it);
 * the title is what a person reads. `docs/errors.md` lists the same codes, and a test keeps the two
 * in step.
 */
export const errorCatalog = {
  CONFIG_INVALID: { status: 500, title: 'Configuration is invalid' },
  DATA_DIR_IN_USE: { status: 500, title: 'Data directory is in use by another Confer' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'Database is unavailable' },
  DATABASE_START_FAILED: { status: 500, title: 'Embedded database failed to start' },
  MIGRATION_FAILED: { status: 500, title: 'Database migration failed' },
  KEY_RING_INVALID: { status: 500, title: 'Encryption key ring is invalid' },
  DECRYPTION_FAILED: { status: 500, title: 'Stored secret could not be decrypted' },
  JOB_QUEUE_UNAVAILABLE: { status: 503, title: 'Job queue is unavailable' },
  VALIDATION_FAILED: { status: 400, title: 'Request is invalid' },
  MALFORMED_REQUEST: { status: 400, title: 'Request body is malformed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Content type is not supported' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  SHUTTING_DOWN: { status: 503, title: 'Confer is shutting down' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalog;
