import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { WebhookConfig } from '../core/config/config.ts';
import { embeddedIPv4, specialRangeOf } from './special-address-ranges.ts';

/** Where outgoing webhooks may connect, from the operator's configuration. */
export interface AddressPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: every address, special ranges included. */
  allowPrivate: boolean;
  /** WEBHOOK_ALLOWED_PRIVATE_RANGES. */
  allowed: BlockList;
}

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** A decision with its reason: the addresses to connect to, or why none may be reached. */
export type TargetVerdict =
  | { ok: true; addresses: CheckedAddress[] }
  | { ok: false; reason: string; unresolved: boolean };

type Lookup = (hostname: string, options: { all: true; verbatim: true }) => Promise<Array<{ address: string; family: number }>>;

/** The policy of WEBHOOK_ALLOW_PRIVATE and WEBHOOK_ALLOWED_PRIVATE_RANGES. */
export function createAddressPolicy(config: Pick<WebhookConfig, 'allowPrivate' | 'allowedPrivateRanges'>): AddressPolicy {
  const allowed = new BlockList();
  for (const range of config.allowedPrivateRanges) allowed.addSubnet(range.address, range.prefix, range.family);
  return { allowPrivate: config.allowPrivate, allowed };
}

const familyOf = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * Why `address` may not be reached, or undefined when it may. An IPv6 address carrying an IPv4 one
 * (::ffff:127.0.0.1, NAT64, 6to4) is judged by both, so no spelling of a refused address slips by.
 */
export function refusalOf(policy: AddressPolicy, address: string): string | undefined {
  if (policy.allowPrivate) return undefined;
  const inner = embeddedIPv4(address);
  const candidates = inner ? [address, inner] : [address];
  if (candidates.some((candidate) => policy.allowed.check(candidate, familyOf(candidate)))) return undefined;
  for (const candidate of candidates) {
    const kind = specialRangeOf(candidate);
    if (kind) return candidate === address ? `${address} is ${kind}` : `${address} stands for ${candidate}, ${kind}`;
  }
  return undefined;
}

const operatorHint = 'Confer sends webhooks only to public addresses unless the operator allows a range in WEBHOOK_ALLOWED_PRIVATE_RANGES.';

/**
 * Resolves `hostname` (every address it has) and checks each one: a single refused address refuses
 * the whole host, since a connection could land on any of them. The addresses returned are the
 * ones to connect to, so what was checked is what is reached (no second lookup to rebind).
 */
export async function resolvePermittedAddresses(policy: AddressPolicy, hostname: string, lookup: Lookup = dnsLookup): Promise<TargetVerdict> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: CheckedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) as 4 | 6 }];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((found) => ({ address: found.address, family: found.family === 6 ? 6 : 4 }));
    } catch (error) {
      return { ok: false, unresolved: true, reason: `${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'DNS error'}).` };
    }
    if (addresses.length === 0) return { ok: false, unresolved: true, reason: `${host} has no address.` };
  }
  for (const { address } of addresses) {
    const refusal = refusalOf(policy, address);
    if (refusal) return { ok: false, unresolved: false, reason: host === address ? `${refusal}. ${operatorHint}` : `${host} resolves to ${refusal}. ${operatorHint}` };
  }
  return { ok: true, addresses };
}
