import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConferError } from '../errors/confer-error.ts';
import type { KeyRing } from './key-ring.ts';

/**
 * A secret as stored: `cf1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). The brand keeps
 * sealed and plain strings apart in the type system, so a token cannot be stored unsealed or sent
 * sealed by mistake.
 */
export type Sealed = string & { readonly __sealed: true };

const version = 'cf1';

/**
 * The associated data binds a ciphertext to its header and to where it belongs (for example
 * `zoom_token_families:42:refresh_token`), so a ciphertext copied to another row or column, or
 * relabelled with another key id, fails to decrypt.
 */
const associatedData = (keyId: string, context: string): Buffer => Buffer.from(`${version}.${keyId}|${context}`, 'utf8');

/** Encrypts with the ring's primary key (AES-256-GCM, 96-bit random IV). */
export function seal(ring: KeyRing, plaintext: string, context: string): Sealed {
  const key = ring.keys.get(ring.primaryId);
  if (!key) throw new ConferError('KEY_RING_INVALID', `The primary key "${ring.primaryId}" is missing from the key ring.`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(ring.primaryId, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [version, ring.primaryId, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')];
  return parts.join('.') as Sealed;
}

/** Decrypts with whichever key of the ring the envelope names; any tampering fails closed. */
export function unseal(ring: KeyRing, sealed: string, context: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== version) {
    throw new ConferError('DECRYPTION_FAILED', `A stored secret (${context}) is not in a known envelope format.`);
  }
  const [, keyId = '', iv = '', ciphertext = '', tag = ''] = parts;
  const key = ring.keys.get(keyId);
  if (!key) {
    throw new ConferError('DECRYPTION_FAILED', `A stored secret (${context}) was encrypted with key "${keyId}", which is not in CONFER_ENCRYPTION_KEYS.`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(associatedData(keyId, context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new ConferError('DECRYPTION_FAILED', `A stored secret (${context}) failed its integrity check: it was altered, moved from another record, or the key is wrong.`, { cause: error });
  }
}

/** The key an envelope was sealed with, so `keys rotate` can find what still uses an old key. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === version ? parts[1] : undefined;
}

/** Re-encrypts under the primary key when the envelope uses an older one; unchanged otherwise. */
export function reseal(ring: KeyRing, sealed: string, context: string): { sealed: Sealed; changed: boolean } {
  if (sealedKeyId(sealed) === ring.primaryId) return { sealed: sealed as Sealed, changed: false };
  return { sealed: seal(ring, unseal(ring, sealed, context), context), changed: true };
}
