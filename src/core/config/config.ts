import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

import { ConferError } from '../errors/confer-error.ts';
import { envSchema, type AddressRange } from './schema.ts';

/** Confer's own Zoom OAuth app and where Zoom lives. */
export interface ZoomConfig {
  clientId: string;
  clientSecret: string;
  webhookSecretToken: string | undefined;
  oauthUrl: string;
  apiUrl: string;
}

/** Outgoing webhooks' address policy and retry schedule. */
export interface WebhookConfig {
  /** WEBHOOK_ALLOW_PRIVATE: deliver to any address at all, private ranges included. */
  allowPrivate: boolean;
  /** WEBHOOK_ALLOWED_PRIVATE_RANGES: ranges otherwise refused that deliveries may reach. */
  allowedPrivateRanges: AddressRange[];
  /** The first retry's delay; each later one is three times the one before (with jitter). */
  retryBaseSeconds: number;
  /** Attempts per delivery, the first included, before it is marked failed. */
  maxAttempts: number;
}

/** What Confer runs with, resolved from the environment. Secrets stay in here, never in logs. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** External PostgreSQL; undefined means the embedded one in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  encryptionKeys: string | undefined;
  /** Undefined when no Zoom app is configured (the start script then runs the sandbox emulator). */
  zoom: ZoomConfig | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  vault: { addr: string; token: string } | undefined;
  logLevel: string;
  /**
   * Prometheus metrics: a Bearer token GET /metrics requires when set, and a listener of their own
   * (`port` set: every process serves them there, and not on the main port; unset: only processes
   * serving HTTP have them, on the main port).
   */
  metrics: { token: string | undefined; port: number | undefined; host: string };
  shutdownTimeoutSeconds: number;
  /** A connection on which the client takes or sends nothing for this long is closed (a reader that stopped reading, a stalled sender). */
  httpIdleTimeoutSeconds: number;
  /** How long a confirmation waits for Zoom before it goes out saying the link follows. */
  meetingLinkWaitSeconds: number;
  /**
   * How long a meeting create whose answer never came back waits for Zoom's meeting.created event
   * before Confer concludes that Zoom made nothing and creates the meeting again.
   */
  zoomCreateAnswerWaitSeconds: number;
  /**
   * A recording streamed from Zoom may take as long as it takes: it fails only when Zoom's headers
   * are this late, or when its body then stalls this long.
   */
  recordingStream: { headersTimeoutSeconds: number; idleTimeoutSeconds: number };
  /** The Zoom plan whose per-second API limits Confer stays inside. */
  zoomPlan: 'free' | 'pro' | 'business';
  /** Outgoing webhooks: which private addresses they may reach, and how failed deliveries are retried. */
  webhooks: WebhookConfig;
}

/** Reads and validates the environment; every problem is named at once, by variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConferError('CONFIG_INVALID', `Confer cannot start; fix these settings:\n${lines.join('\n')}`, {
      errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    });
  }
  const e = parsed.data;
  const problems: string[] = [];
  // Unset means "generate a key ring in the data directory"; set to nothing is a mistake (a
  // secret that failed to reach the environment), and generating a new ring would hide it.
  if (env.CONFER_ENCRYPTION_KEYS !== undefined && env.CONFER_ENCRYPTION_KEYS.trim() === '') {
    problems.push('CONFER_ENCRYPTION_KEYS is set but empty: give the key ring (id:base64key,…), or unset it to use the ring kept in the data directory');
  }
  if (Boolean(e.ZOOM_CLIENT_ID) !== Boolean(e.ZOOM_CLIENT_SECRET)) {
    problems.push('ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET go together: set both (real Zoom) or neither (sandbox)');
  }
  if (Boolean(e.VAULT_ADDR) !== Boolean(e.VAULT_TOKEN)) {
    problems.push('VAULT_ADDR and VAULT_TOKEN go together: set both to resolve vault: credential assets');
  }
  if (problems.length) {
    throw new ConferError('CONFIG_INVALID', `Confer cannot start; fix these settings:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const port = e.PORT;
  return {
    port,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${port}`,
    databaseUrl: e.DATABASE_URL,
    dataDir: isAbsolute(e.CONFER_DATA_DIR) ? e.CONFER_DATA_DIR : resolve(cwd, e.CONFER_DATA_DIR),
    encryptionKeys: e.CONFER_ENCRYPTION_KEYS,
    zoom:
      e.ZOOM_CLIENT_ID && e.ZOOM_CLIENT_SECRET
        ? {
            clientId: e.ZOOM_CLIENT_ID,
            clientSecret: e.ZOOM_CLIENT_SECRET,
            webhookSecretToken: e.ZOOM_WEBHOOK_SECRET_TOKEN,
            oauthUrl: e.ZOOM_OAUTH_URL,
            apiUrl: e.ZOOM_API_URL,
          }
        : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    vault: e.VAULT_ADDR && e.VAULT_TOKEN ? { addr: e.VAULT_ADDR, token: e.VAULT_TOKEN } : undefined,
    logLevel: e.LOG_LEVEL,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    httpIdleTimeoutSeconds: e.HTTP_IDLE_TIMEOUT_SECONDS,
    meetingLinkWaitSeconds: e.MEETING_LINK_WAIT_SECONDS,
    zoomCreateAnswerWaitSeconds: e.ZOOM_CREATE_ANSWER_WAIT_SECONDS,
    recordingStream: { headersTimeoutSeconds: e.ZOOM_RECORDING_HEADERS_TIMEOUT_SECONDS, idleTimeoutSeconds: e.ZOOM_RECORDING_IDLE_TIMEOUT_SECONDS },
    zoomPlan: e.ZOOM_PLAN,
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      allowedPrivateRanges: e.WEBHOOK_ALLOWED_PRIVATE_RANGES,
      retryBaseSeconds: e.WEBHOOK_RETRY_BASE_SECONDS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
    },
  };
}

/** Reads `.env` from the working directory when there is one; real environment variables win. */
export function readDotEnv(cwd = process.cwd()): void {
  const file = resolve(cwd, '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new ConferError('CONFIG_INVALID', `Could not read ${file}: ${(error as Error).message}`, { cause: error });
  }
  // Node skips lines it cannot read as NAME=value without a word; a setting lost that way
  // (a missing "=", a stray space in the name) must not pass unnoticed. Lines are named by
  // number only: their text may hold a secret.
  const unreadable = unreadableDotEnvLines(text);
  if (unreadable.length > 0) {
    throw new ConferError('CONFIG_INVALID', `${file} has lines that are not NAME=value (line ${unreadable.join(', ')}): fix or remove them, or start them with # to keep them as comments.`);
  }
  process.loadEnvFile(file);
}

/** Numbers (from 1) of the lines of a .env text that are neither NAME=value, blank, nor comments. */
export function unreadableDotEnvLines(text: string): number[] {
  const unreadable: number[] = [];
  let openQuote: string | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    if (openQuote) {
      // Inside a quoted value that spans lines: it ends on the line with its closing quote.
      if (line.includes(openQuote)) openQuote = undefined;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(["'`]?)(.*)$/.exec(trimmed);
    if (!match) return void unreadable.push(index + 1);
    const [, quote, rest] = match;
    if (quote && !rest!.includes(quote)) openQuote = quote;
  });
  return unreadable;
}

