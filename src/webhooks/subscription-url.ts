import { ConferError } from '../core/errors/confer-error.ts';
import { resolvePermittedAddresses, type AddressPolicy } from './address-policy.ts';

const urlProblem = (code: 'VALIDATION_FAILED' | 'WEBHOOK_ADDRESS_NOT_ALLOWED', message: string, cause?: unknown) =>
  new ConferError(code, `url: ${message}`, { errors: [{ field: 'url', message }], ...(cause === undefined ? {} : { cause }) });

/**
 * A subscription's URL as it is stored, once it passes what deliveries will check again at every
 * attempt: http or https, no credentials in it, and a host whose every address the policy allows.
 * Saying so now spares a person a subscription whose deliveries could only fail.
 */
export async function checkSubscriptionUrl(policy: AddressPolicy, text: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw urlProblem('VALIDATION_FAILED', 'must be an absolute http:// or https:// URL', error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw urlProblem('VALIDATION_FAILED', 'must be an http:// or https:// URL');
  if (url.username || url.password) {
    throw urlProblem('VALIDATION_FAILED', 'must not carry a user name or password; a receiver knows Confer’s requests by their signature');
  }
  url.hash = '';
  const verdict = await resolvePermittedAddresses(policy, url.hostname);
  if (!verdict.ok) {
    if (verdict.unresolved) throw urlProblem('VALIDATION_FAILED', `${verdict.reason} Check the host name.`);
    throw urlProblem('WEBHOOK_ADDRESS_NOT_ALLOWED', verdict.reason);
  }
  return url.toString();
}
