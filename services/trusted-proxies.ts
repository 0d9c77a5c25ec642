import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which proxies in front of the API may say who the client is (TRUST_PROXY): a number of hops
 * (every request passes through exactly that many proxies), or the address ranges the proxies live in.
 */
export type TrustProxy = { hops: number } | { ranges: [Address, number][] } | undefined;

/** TRUST_PROXY as written: '' (trust nobody), a hop count, or a comma-separated list of addresses or CIDRs. */
export function parseTrustProxy(value: string | undefined): { trust: TrustProxy } | { problem: string } {
  const text = value?.trim() ?? '';
  if (text === '') return { trust: undefined };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? { trust: hops === 0 ? undefined : { hops } } : { problem: 'a hop count must be 0 to 10' };
  }
  const ranges: [Address, number][] = [];
  const bad: string[] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    const range = parseRange(item);
    if (range) ranges.push(range);
    else bad.push(item === '' ? '(empty)' : item);
  }
  if (bad.length > 0) {
    // The operator's own setting, not user data: quoting it is what makes the message actionable.
    return {
      problem: `not a hop count or a list of addresses/CIDRs (e.g. 1, or 10.0.0.0/8,192.0.2.10): ${bad.join(', ')}`,
    };
  }
  return { trust: { ranges } };
}

function parseRange(item: string): [Address, number] | undefined {
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(item) || (item.includes(':') && ipaddr.IPv6.isValidCIDR(item))) {
    const [address, bits] = ipaddr.parseCIDR(item);
    // Addresses are compared as IPv4 when they are IPv4-mapped, so a mapped range is too.
    const mapped = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96;
    return mapped ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96] : [address, bits];
  }
  const address = parseAddress(item);
  return address ? [address, address.kind() === 'ipv4' ? 32 : 128] : undefined;
}

/** A strict address (four-part IPv4 or IPv6, with a port as some proxies write it); IPv4-mapped IPv6 as IPv4. */
function parseAddress(text: string): Address | undefined {
  let candidate = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate);
  if (bracketed) candidate = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(candidate)) candidate = candidate.slice(0, candidate.lastIndexOf(':'));
  if (ipaddr.IPv4.isValidFourPartDecimal(candidate)) return ipaddr.IPv4.parse(candidate);
  if (candidate.includes(':') && ipaddr.IPv6.isValid(candidate)) return normalise(ipaddr.IPv6.parse(candidate));
  return undefined;
}

function normalise(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

const isTrusted = (address: Address, ranges: [Address, number][]) =>
  ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));

/**
 * The client's address: the socket's peer unless TRUST_PROXY says it is a proxy, in which case
 * X-Forwarded-For is read from the right (each proxy appends the address it was called from) and the
 * first address not vouched for is the client. Entries left of it were written by the client and are
 * ignored; an unreadable entry stops the walk at the last address a trusted proxy gave.
 */
export function clientAddress(
  socket: string | undefined,
  forwardedFor: string | undefined,
  trust: TrustProxy,
): string | null {
  const peer = socket ? parseAddress(socket) : undefined;
  if (!peer) return null;
  if (!trust || !forwardedFor) return peer.toString();
  const forwarded = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .reverse();
  let client = peer;
  for (let i = 0; i < forwarded.length; i++) {
    const vouched = 'hops' in trust ? i < trust.hops : isTrusted(client, trust.ranges);
    if (!vouched) break;
    const next = parseAddress(forwarded[i]!);
    if (!next) break;
    client = next;
  }
  return client.toString();
}
