import { pino, type DestinationStream, type Logger } from 'pino';

/** Field names whose values are secrets wherever they appear (up to three levels deep). */
const secretFields = [
  'authorization', 'cookie', 'set-cookie', 'password', 'newPassword', 'token', 'accessToken', 'access_token',
  'refreshToken', 'refresh_token', 'clientSecret', 'client_secret', 'secret', 'secretToken', 'webhookSecretToken',
  'apiKey', 'code_verifier', 'codeVerifier', 'encryptionKeys', 'startUrl', 'start_url', 'smtpUrl', 'databaseUrl',
  'plainToken', 'encryptedToken', 'vaultToken',
];

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-zm-signature"]',
  'res.headers["set-cookie"]',
  ...secretFields.flatMap((field) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
    const dot = key.startsWith('[') ? '' : '.';
    return [key, `*${dot}${key}`, `*.*${dot}${key}`];
  }),
];

export interface LoggerOptions {
  level: string;
  destination?: DestinationStream;
}

/**
 * The process logger. Secrets are censored by field name before a line is written, so a careless
 * `log.info({ config })` cannot leak a token; request logs carry no query strings with codes.
 */
export function createLogger({ level, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { service: 'confer' },
      serializers: {
        err: pino.stdSerializers.err,
        // Headers stay out of request logs altogether; the URL keeps its path only.
        req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, url: req.url === undefined ? undefined : stripQuery(req.url), id: req.id }),
      },
    },
    destination,
  );
}

/** OAuth callbacks carry `code` and `state` in the query: request logs keep the path only. */
export const stripQuery = (url: string): string => {
  const index = url.indexOf('?');
  return index === -1 ? url : `${url.slice(0, index)}?…`;
};

export type { Logger };
