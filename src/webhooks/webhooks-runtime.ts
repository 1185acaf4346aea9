import type { ConferServices } from '../core/services.ts';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';

/** What the outgoing-webhooks domain works with in one process. */
export interface WebhooksRuntime {
  services: ConferServices;
  /** Which addresses deliveries (and new subscriptions' URLs) may reach. */
  policy: AddressPolicy;
}

/** Built once per process from its configuration. */
export function createWebhooksRuntime(services: ConferServices): WebhooksRuntime {
  return { services, policy: createAddressPolicy(services.config.webhooks) };
}
