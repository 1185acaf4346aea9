import { isIP } from 'node:net';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const httpUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL, for example ${what}` }).transform((url) => url.replace(/\/+$/, ''));

/** An address range an operator lets outgoing webhooks reach, as written in the environment. */
export interface AddressRange {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** `10.0.0.0/8,fd00::/8,192.168.1.20`: CIDR blocks (a bare address is a block of one), comma-separated. */
const cidrList = z.string().transform((text, ctx): AddressRange[] => {
  const ranges: AddressRange[] = [];
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [address = '', bits, ...extra] = entry.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
    if (family === 0 || extra.length > 0 || !(prefix >= 0 && prefix <= max)) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an address range; write CIDR blocks such as 10.0.0.0/8,fd00::/8` });
      return z.NEVER;
    }
    ranges.push({ address, prefix, family: family === 6 ? 'ipv6' : 'ipv4' });
  }
  return ranges;
});

/** The environment Confer reads, with the defaults of product.md's configuration table. */
export const envSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, httpUrl('https://confer.example.com').optional()),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL').optional(),
  ),
  CONFER_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  CONFER_ENCRYPTION_KEYS: z.preprocess(emptyAsUndefined, z.string().optional()),
  ZOOM_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  ZOOM_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  ZOOM_WEBHOOK_SECRET_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  ZOOM_OAUTH_URL: z.preprocess(emptyAsUndefined, httpUrl('https://zoom.us').default('https://zoom.us')),
  ZOOM_API_URL: z.preprocess(emptyAsUndefined, httpUrl('https://api.zoom.us/v2').default('https://api.zoom.us/v2')),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, for example smtp://user:pass@mail.example.com:587').optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default('Confer <confer@localhost>')),
  VAULT_ADDR: z.preprocess(emptyAsUndefined, httpUrl('https://vault.example.com:8200').optional()),
  VAULT_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  MEETING_LINK_WAIT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number of seconds' }).min(0).max(86_400).default(600)),
  ZOOM_RECORDING_HEADERS_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number of seconds' }).min(0.1).max(600).default(60)),
  ZOOM_RECORDING_IDLE_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number of seconds' }).min(0.1).max(3_600).default(60)),
  ZOOM_CREATE_ANSWER_WAIT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number of seconds' }).min(0).max(3_600).default(120)),
  ZOOM_PLAN: z.preprocess(emptyAsUndefined, z.enum(['free', 'pro', 'business'], { error: 'must be free, pro or business' }).default('pro')),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters, for example the output of `openssl rand -hex 32`').regex(/^[!-~]+$/, 'must be printable ASCII without spaces: it travels in an HTTP header').optional()),
  METRICS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).optional()),
  METRICS_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  HTTP_IDLE_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number of seconds' }).min(1).max(3_600).default(120)),
  SHUTDOWN_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3600).default(30)),
  WEBHOOK_ALLOW_PRIVATE: z.preprocess(emptyAsUndefined, z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((value) => value === 'true')),
  WEBHOOK_ALLOWED_PRIVATE_RANGES: z.preprocess(emptyAsUndefined, cidrList.default([])),
  WEBHOOK_RETRY_BASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number of seconds' }).min(0.05).max(3_600).default(60)),
  WEBHOOK_MAX_ATTEMPTS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(20).default(8)),
});

export type RawEnv = z.infer<typeof envSchema>;
