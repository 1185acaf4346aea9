import type { App, WebhookDelivery } from '../state/model.ts';
import { ids, type EmulatorStore } from '../state/store.ts';
import { webhookRequestHeaders } from './signature.ts';

/**
 * Zoom retries a failed delivery 5 minutes after it, the first retry 20 minutes after that and the
 * second 60 minutes after that (+5, +25, +85 from the first attempt), then gives up.
 */
export const retryDelaysMinutes = [5, 20, 60] as const;
const defaultTimeoutMs = 3000;
/** Settled deliveries kept for `GET /_emulator/webhooks/deliveries`; older ones are dropped. */
const keptDeliveries = 10_000;

export interface EmitOptions {
  /** The app whose API call caused the event: it is told even when it is not installed. */
  actingClientId?: string;
  /** Only this app is told (`app_deauthorized` concerns one app). */
  onlyClientId?: string;
  /** Envelope fields beside `event`, `payload`, `event_ts` (`download_token`). */
  envelope?: Record<string, unknown>;
  /** The event time (emulator clock, ms) when the payload repeats it; default now. */
  eventTs?: number;
}

/**
 * Sends events to the apps subscribed to them, signed as Zoom signs them, and retries failed
 * deliveries by the emulator clock: when a test advances the clock, due retries run before
 * `advanceClock` resolves; otherwise a one-second timer notices when real time makes them due.
 */
export class WebhookDispatcher {
  readonly #store: EmulatorStore;
  readonly #inFlight = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(store: EmulatorStore) {
    this.#store = store;
  }

  start(): void {
    this.#store.onClockAdvanced(() => this.runDue());
    this.#timer = setInterval(() => void this.runDue(), 1000);
    this.#timer.unref();
  }

  /** Stops retrying and waits for attempts already under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.idle();
  }

  /** Resolves once no attempt is under way. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight.values());
  }

  /**
   * Queues an event for every app that should hear it and sends the first attempts (without
   * waiting for them). An account's events go to the apps installed in it: those holding a live
   * grant of one of its users.
   */
  emit(event: string, accountId: string, payload: Record<string, unknown>, options: EmitOptions = {}): WebhookDelivery[] {
    const targets = this.#targets(event, accountId, options);
    if (targets.length === 0) return [];
    const body = JSON.stringify({ event, payload, event_ts: options.eventTs ?? this.#store.now(), ...options.envelope });
    const deliveries: WebhookDelivery[] = [];
    for (const app of targets) {
      const delivery: WebhookDelivery = { id: ids.requestId(), clientId: app.clientId, event, body, attempts: 0, status: 'pending', attemptLog: [] };
      this.#store.deliveries.push(delivery);
      deliveries.push(delivery);
      this.#launch(delivery);
    }
    this.#trim();
    return deliveries;
  }

  /**
   * Runs every retry that is due by the emulator clock and waits for them. Attempts still under
   * way finish first, so a failure answered just before the clock moved is retried on this move.
   */
  async runDue(): Promise<void> {
    if (this.#stopped) return;
    await this.idle();
    const now = this.#store.now();
    for (const delivery of this.#store.deliveries) {
      if (delivery.status === 'pending' && delivery.nextAttemptAt !== undefined && delivery.nextAttemptAt <= now) this.#launch(delivery);
    }
    await this.idle();
  }

  #targets(event: string, accountId: string, options: EmitOptions): App[] {
    const subscribed = (app: App | undefined): app is App => !!app && !!app.webhook && app.webhook.events.includes(event);
    if (options.onlyClientId !== undefined) {
      const app = this.#store.apps.get(options.onlyClientId);
      return subscribed(app) ? [app] : [];
    }
    const clientIds = new Set<string>();
    if (options.actingClientId !== undefined) clientIds.add(options.actingClientId);
    for (const grant of this.#store.grants.values()) {
      if (grant.revoked) continue;
      if (this.#store.users.get(grant.userId)?.accountId === accountId) clientIds.add(grant.clientId);
    }
    return [...clientIds].map((id) => this.#store.apps.get(id)).filter(subscribed);
  }

  #launch(delivery: WebhookDelivery): void {
    if (this.#inFlight.has(delivery.id)) return;
    delivery.nextAttemptAt = undefined;
    const attempt = this.#attempt(delivery).finally(() => this.#inFlight.delete(delivery.id));
    this.#inFlight.set(delivery.id, attempt);
  }

  async #attempt(delivery: WebhookDelivery): Promise<void> {
    const store = this.#store;
    const subscription = store.apps.get(delivery.clientId)?.webhook;
    const sentAt = store.now();
    delivery.firstAttemptAt ??= sentAt;
    delivery.attempts++;
    const timestamp = Math.floor((store.settings.webhookTimestampClock === 'emulator' ? sentAt : Date.now()) / 1000);
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    if (!subscription) {
      error = 'the app no longer has a webhook subscription';
    } else {
      try {
        const response = await fetch(subscription.url, {
          method: 'POST',
          headers: webhookRequestHeaders({ clientId: delivery.clientId, secretToken: subscription.secretToken, timestamp, body: delivery.body }),
          body: delivery.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(store.settings.webhookTimeoutMs ?? defaultTimeoutMs),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (cause) {
        error = describeFailure(cause);
      }
    }
    const durationMs = Math.round(performance.now() - started);
    delivery.attemptLog?.push({ at: sentAt, timestamp, durationMs, ...(status === undefined ? {} : { status }), ...(error === undefined ? {} : { error }) });
    store.stats.webhookDeliveries++;
    if (status !== undefined) delivery.lastStatus = status;
    if (error !== undefined) delivery.lastError = error;
    if (status !== undefined && status >= 200 && status < 300) {
      delivery.status = 'delivered';
      return;
    }
    store.stats.webhookFailures++;
    // Zoom's newest page retries any non-2xx; older ones say 5xx and timeouts only (a setting).
    const retryable = status === undefined
      ? subscription !== undefined
      : store.settings.webhookRetries === '5xx_and_timeouts' ? status >= 500 : true;
    const delay = retryDelaysMinutes[delivery.attempts - 1];
    if (retryable && delay !== undefined && !this.#stopped) {
      // Counted from this attempt, not the first; each attempt is signed afresh when it is sent.
      delivery.nextAttemptAt = sentAt + delay * 60_000;
    } else {
      delivery.status = 'failed';
    }
  }

  #trim(): void {
    const deliveries = this.#store.deliveries;
    if (deliveries.length <= keptDeliveries) return;
    const excess = deliveries.length - keptDeliveries;
    let dropped = 0;
    this.#store.deliveries = deliveries.filter((d) => d.status === 'pending' || dropped++ >= excess);
  }
}

function describeFailure(cause: unknown): string {
  if (cause instanceof Error) {
    if (cause.name === 'TimeoutError') return 'timeout';
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}
