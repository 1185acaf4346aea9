import { z } from 'zod';

const emptyAsUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const httpUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL, for example ${what}` }).transform((url) => url.replace(/\/+$/, ''));

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
  ZOOM_CREATE_ANSWER_WAIT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number of seconds' }).min(0).max(3_600).default(120)),
  ZOOM_PLAN: z.preprocess(emptyAsUndefined, z.enum(['free', 'pro', 'business'], { error: 'must be free, pro or business' }).default('pro')),
  SHUTDOWN_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3600).default(30)),
});

export type RawEnv = z.infer<typeof envSchema>;
