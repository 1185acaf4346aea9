import { describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config/config.ts';
import { createAddressPolicy, refusalOf, resolvePermittedAddresses } from './address-policy.ts';
import { embeddedIPv4, ipv6Words } from './special-address-ranges.ts';

const strict = createAddressPolicy({ allowPrivate: false, allowedPrivateRanges: [] });

describe('the address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.45.2.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', '“this network”'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(refusalOf(strict, address)).toContain(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['::ffff:169.254.169.254', '169.254.169.254'],
    ['64:ff9b::a00:1', '10.0.0.1'],
    ['2002:c0a8:101::1', '192.168.1.1'],
  ])('refuses %s, which stands for %s', (address, inner) => {
    expect(refusalOf(strict, address)).toContain(inner);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('lets %s through', (address) => {
    expect(refusalOf(strict, address)).toBeUndefined();
  });

  it('lets the operator allow ranges, and everything with WEBHOOK_ALLOW_PRIVATE', () => {
    const some = createAddressPolicy({ allowPrivate: false, allowedPrivateRanges: [{ address: '10.20.0.0', prefix: 16, family: 'ipv4' }, { address: '::1', prefix: 128, family: 'ipv6' }] });
    expect(refusalOf(some, '10.20.3.4')).toBeUndefined();
    expect(refusalOf(some, '::ffff:10.20.3.4')).toBeUndefined();
    expect(refusalOf(some, '::1')).toBeUndefined();
    expect(refusalOf(some, '10.21.0.1')).toContain('private');
    expect(refusalOf(some, '169.254.169.254')).toContain('link-local');
    const all = createAddressPolicy({ allowPrivate: true, allowedPrivateRanges: [] });
    expect(refusalOf(all, '169.254.169.254')).toBeUndefined();
  });

  it('refuses a host when any one of its addresses is refused, and returns the checked addresses otherwise', async () => {
    const lookup = async (host: string) => (host === 'mixed.example' ? [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }] : [{ address: '93.184.216.34', family: 4 }]);
    const mixed = await resolvePermittedAddresses(strict, 'mixed.example', lookup);
    expect(mixed).toMatchObject({ ok: false, unresolved: false });
    expect(!mixed.ok && mixed.reason).toContain('mixed.example resolves to 10.0.0.7 is a private address');
    expect(await resolvePermittedAddresses(strict, 'public.example', lookup)).toEqual({ ok: true, addresses: [{ address: '93.184.216.34', family: 4 }] });
    expect(await resolvePermittedAddresses(strict, '[::1]', lookup)).toMatchObject({ ok: false, unresolved: false });
  });

  it('refuses localhost through the real resolver, and says when a name does not resolve', async () => {
    expect(await resolvePermittedAddresses(strict, 'localhost')).toMatchObject({ ok: false, unresolved: false });
    expect(await resolvePermittedAddresses(strict, 'no-such-host.invalid')).toMatchObject({ ok: false, unresolved: true });
  });
});

describe('IPv6 spelling', () => {
  it('expands every form to eight words and finds the IPv4 address inside', () => {
    expect(ipv6Words('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Words('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Words('::ffff:10.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a00, 1]);
    expect(ipv6Words('2001:db8:0:0:1:0:0:1')).toEqual([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]);
    expect(embeddedIPv4('::ffff:0a00:0001')).toBe('10.0.0.1');
    expect(embeddedIPv4('2606:4700::1111')).toBeUndefined();
    expect(embeddedIPv4('10.0.0.1')).toBeUndefined();
  });
});

describe('the webhook settings', () => {
  it('default to no private range, retries from 60 s, 8 attempts', () => {
    expect(loadConfig({}).webhooks).toEqual({ allowPrivate: false, allowedPrivateRanges: [], retryBaseSeconds: 60, maxAttempts: 8 });
  });

  it('read CIDR blocks and bare addresses, and name a malformed one', () => {
    const { webhooks } = loadConfig({ WEBHOOK_ALLOWED_PRIVATE_RANGES: '10.20.0.0/16, fd00:1::/64,192.168.1.20', WEBHOOK_ALLOW_PRIVATE: 'false', WEBHOOK_RETRY_BASE_SECONDS: '0.2', WEBHOOK_MAX_ATTEMPTS: '4' });
    expect(webhooks.allowedPrivateRanges).toEqual([
      { address: '10.20.0.0', prefix: 16, family: 'ipv4' },
      { address: 'fd00:1::', prefix: 64, family: 'ipv6' },
      { address: '192.168.1.20', prefix: 32, family: 'ipv4' },
    ]);
    expect(webhooks).toMatchObject({ retryBaseSeconds: 0.2, maxAttempts: 4 });
    expect(() => loadConfig({ WEBHOOK_ALLOWED_PRIVATE_RANGES: '10.0.0.0/33' })).toThrow(/WEBHOOK_ALLOWED_PRIVATE_RANGES: "10.0.0.0\/33" is not an address range/);
    expect(() => loadConfig({ WEBHOOK_ALLOWED_PRIVATE_RANGES: 'intranet' })).toThrow(/"intranet" is not an address range/);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE: must be true or false/);
    expect(() => loadConfig({ WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/WEBHOOK_MAX_ATTEMPTS/);
  });
});
