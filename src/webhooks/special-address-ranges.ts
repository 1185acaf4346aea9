import { BlockList, isIP } from 'node:net';

// Address ranges that are not "somewhere on the internet": this machine, the operator's networks,
// the cloud's metadata service, multicast, documentation and reserved blocks. A webhook URL chosen
// by a user must not make Confer reach into them (SSRF) unless the operator allows it.

/** The ranges, with the words an error uses for each. */
const ranges: Array<[address: string, prefix: number, family: 'ipv4' | 'ipv6', kind: string]> = [
  ['0.0.0.0', 8, 'ipv4', 'a “this network” address (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'ipv4', 'a private address (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address (169.254.0.0/16, where cloud metadata services answer)'],
  ['172.16.0.0', 12, 'ipv4', 'a private address (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'ipv4', 'an IETF protocol address (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'ipv4', 'a documentation address (192.0.2.0/24)'],
  ['192.168.0.0', 16, 'ipv4', 'a private address (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'ipv4', 'a documentation address (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'ipv4', 'a documentation address (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address (240.0.0.0/4)'],
  ['::', 128, 'ipv6', 'the unspecified address (::)'],
  ['::1', 128, 'ipv6', 'the loopback address (::1)'],
  ['64:ff9b:1::', 48, 'ipv6', 'a local NAT64 address (64:ff9b:1::/48)'],
  ['100::', 64, 'ipv6', 'a discard address (100::/64)'],
  ['2001::', 23, 'ipv6', 'an IETF protocol address (2001::/23)'],
  ['2001:db8::', 32, 'ipv6', 'a documentation address (2001:db8::/32)'],
  ['fc00::', 7, 'ipv6', 'a unique-local address (fc00::/7)'],
  ['fe80::', 10, 'ipv6', 'a link-local address (fe80::/10)'],
  ['fec0::', 10, 'ipv6', 'a site-local address (fec0::/10)'],
  ['ff00::', 8, 'ipv6', 'a multicast address (ff00::/8)'],
];

const lists = ranges.map(([address, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { list, family, kind };
});

/** How `address` (an IPv4 or IPv6 literal) is special, in words, or undefined for a public address. */
export function specialRangeOf(address: string): string | undefined {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return lists.find((entry) => entry.family === family && entry.list.check(address, family))?.kind;
}

/** The eight 16-bit words of an IPv6 literal (zone id dropped, a trailing dotted quad folded in). */
export function ipv6Words(address: string): number[] {
  let text = address.replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headWords = head ? head.split(':') : [];
  const tailWords = tail ? tail.split(':') : [];
  const words = tail === undefined ? headWords : [...headWords, ...Array<string>(8 - headWords.length - tailWords.length).fill('0'), ...tailWords];
  return words.map((word) => Number.parseInt(word, 16));
}

/**
 * The IPv4 address an IPv6 address carries and reaches in the end: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). `::ffff:127.0.0.1` is
 * 127.0.0.1 to the network stack, so it must be judged as that.
 */
export function embeddedIPv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  const w = ipv6Words(address);
  const quad = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  const zeros = (from: number, to: number) => w.slice(from, to).every((word) => word === 0);
  if (zeros(0, 5) && (w[5] === 0xffff || w[5] === 0)) return quad(w[6]!, w[7]!);
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return quad(w[6]!, w[7]!);
  if (w[0] === 0x2002) return quad(w[1]!, w[2]!);
  return undefined;
}
