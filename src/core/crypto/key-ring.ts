import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConferError } from '../errors/confer-error.ts';

/** AES-256 keys by id; the first one configured encrypts, all of them decrypt. */
export interface KeyRing {
  primaryId: string;
  keys: ReadonlyMap<string, Buffer>;
}

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `k2:base64,k1:base64`. Fails closed: any malformed entry, a duplicate id or a key that is
 * not 32 bytes stops Confer, with the offending id (never the key) in the message.
 */
export function parseKeyRing(text: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let primaryId: string | undefined;
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const [index, entry] of entries.entries()) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    if (!keyIdPattern.test(id)) {
      throw new ConferError(
        'KEY_RING_INVALID',
        `Key ${index + 1} of CONFER_ENCRYPTION_KEYS has no valid id; write each key as id:base64 (id of letters, digits, - or _).`,
      );
    }
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32) {
      throw new ConferError('KEY_RING_INVALID', `Key "${id}" must be 32 random bytes in base64 (got ${key.length} bytes). Generate one with: openssl rand -base64 32`);
    }
    if (keys.has(id)) throw new ConferError('KEY_RING_INVALID', `Key id "${id}" appears twice in CONFER_ENCRYPTION_KEYS.`);
    keys.set(id, key);
    primaryId ??= id;
  }
  if (!primaryId) throw new ConferError('KEY_RING_INVALID', 'CONFER_ENCRYPTION_KEYS holds no key.');
  return { primaryId, keys };
}

export const formatKeyRing = (ring: KeyRing): string =>
  [...ring.keys].sort(([a], [b]) => (a === ring.primaryId ? -1 : b === ring.primaryId ? 1 : 0)).map(([id, key]) => `${id}:${key.toString('base64')}`).join(',');

export const generatedKeyFile = (dataDir: string): string => join(dataDir, 'encryption-keys');

/**
 * The configured ring, or else the one generated into the data directory (created on first use).
 * A generated ring lives beside the data it protects, so the caller warns: back it up, or set
 * CONFER_ENCRYPTION_KEYS.
 */
export function loadKeyRing(configured: string | undefined, dataDir: string): { ring: KeyRing; generatedAt?: string } {
  if (configured) return { ring: parseKeyRing(configured) };
  const file = generatedKeyFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const text = `k1:${randomBytes(32).toString('base64')}\n`;
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return { ring: parseKeyRing(readFileSync(file, 'utf8')), generatedAt: file };
}
