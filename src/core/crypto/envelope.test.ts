import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reseal, seal, sealedKeyId, unseal } from './envelope.ts';
import { formatKeyRing, loadKeyRing, parseKeyRing } from './key-ring.ts';

const key = () => randomBytes(32).toString('base64');

describe('encryption envelope', () => {
  const k1 = key();
  const ring = parseKeyRing(`k1:${k1}`);

  it('round-trips a secret and never contains the plaintext', () => {
    const sealed = seal(ring, 'refresh-token-value', 'zoom_token_families:1:refresh_token');
    expect(sealed).toMatch(/^cf1\.k1\./);
    expect(sealed).not.toContain('refresh-token-value');
    expect(unseal(ring, sealed, 'zoom_token_families:1:refresh_token')).toBe('refresh-token-value');
  });

  it('uses a fresh IV each time, so equal secrets do not look equal at rest', () => {
    expect(seal(ring, 'same', 'c')).not.toBe(seal(ring, 'same', 'c'));
  });

  it('refuses a ciphertext moved to another row or column', () => {
    const sealed = seal(ring, 'secret', 'zoom_token_families:1:access_token');
    expect(() => unseal(ring, sealed, 'zoom_token_families:2:access_token')).toThrow(/integrity check/);
    expect(() => unseal(ring, sealed, 'zoom_token_families:1:refresh_token')).toThrow(/integrity check/);
  });

  it('refuses any altered byte', () => {
    const sealed = seal(ring, 'secret', 'c');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => unseal(ring, parts.join('.'), 'c')).toThrow(/integrity check/);
  });

  it('refuses an envelope relabelled with another key id', () => {
    const two = parseKeyRing(`k2:${key()},k1:${k1}`);
    const sealed = seal(ring, 'secret', 'c');
    expect(() => unseal(two, sealed.replace('cf1.k1.', 'cf1.k2.'), 'c')).toThrow(/integrity check/);
  });

  it('names a missing key without revealing anything else', () => {
    const other = parseKeyRing(`k9:${key()}`);
    const sealed = seal(ring, 'secret', 'c');
    expect(() => unseal(other, sealed, 'c')).toThrow(/key "k1", which is not in CONFER_ENCRYPTION_KEYS/);
  });

  it('rotates: a new primary key encrypts, old envelopes still open, reseal moves them', () => {
    const old = seal(ring, 'secret', 'c');
    const rotated = parseKeyRing(`k2:${key()},k1:${k1}`);
    expect(unseal(rotated, old, 'c')).toBe('secret');
    const { sealed, changed } = reseal(rotated, old, 'c');
    expect(changed).toBe(true);
    expect(sealedKeyId(sealed)).toBe('k2');
    expect(unseal(rotated, sealed, 'c')).toBe('secret');
    expect(reseal(rotated, sealed, 'c').changed).toBe(false);
  });
});

describe('key ring', () => {
  it('rejects malformed rings with a message that names the problem, never the key', () => {
    expect(() => parseKeyRing('')).toThrow(/holds no key/);
    expect(() => parseKeyRing('nokey')).toThrow(/no valid id/);
    expect(() => parseKeyRing('k1:c2hvcnQ=')).toThrow(/32 random bytes in base64 \(got 5 bytes\)/);
    const k = key();
    expect(() => parseKeyRing(`k1:${k},k1:${k}`)).toThrow(/appears twice/);
  });

  it('the first key is primary, and formatting keeps it first', () => {
    const ring = parseKeyRing(`b:${key()}, a:${key()}`);
    expect(ring.primaryId).toBe('b');
    expect(formatKeyRing(ring).startsWith('b:')).toBe(true);
  });

  it('generates a key into the data dir once, readable only by its owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confer-keys-'));
    const first = loadKeyRing(undefined, dir);
    expect(first.generatedAt).toBe(join(dir, 'encryption-keys'));
    expect(statSync(first.generatedAt!).mode & 0o777).toBe(0o600);
    const second = loadKeyRing(undefined, dir);
    expect(formatKeyRing(second.ring)).toBe(formatKeyRing(first.ring));
    expect(readFileSync(first.generatedAt!, 'utf8')).toMatch(/^k1:/);
  });

  it('prefers the configured ring and generates nothing then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confer-keys-'));
    const { ring, generatedAt } = loadKeyRing(`main:${key()}`, dir);
    expect(ring.primaryId).toBe('main');
    expect(generatedAt).toBeUndefined();
  });
});
