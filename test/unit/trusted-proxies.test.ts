import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy, type TrustProxy } from '../../services/trusted-proxies.ts';

function trust(value: string): TrustProxy {
  const parsed = parseTrustProxy(value);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.trust;
}

describe('TRUST_PROXY', () => {
  it('takes nothing, a hop count or a list of addresses and CIDRs', () => {
    expect(trust('')).toBeUndefined();
    expect(trust('0')).toBeUndefined();
    expect(trust('2')).toEqual({ hops: 2 });
    const ranges = trust('10.0.0.0/8, 192.0.2.10, fd00::/8');
    expect(ranges && 'ranges' in ranges ? ranges.ranges.map(([a, bits]) => `${a.toString()}/${bits}`) : []).toEqual([
      '10.0.0.0/8',
      '192.0.2.10/32',
      'fd00::/8',
    ]);
  });

  it('names what it cannot read', () => {
    expect(parseTrustProxy('true')).toEqual({ problem: expect.stringContaining('true') });
    expect(parseTrustProxy('10.0.0.0/8,10.0.0/33,')).toEqual({
      problem: expect.stringMatching(/10\.0\.0\/33, \(empty\)$/),
    });
    expect(parseTrustProxy('99')).toEqual({ problem: 'a hop count must be 0 to 10' });
  });
});

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('192.0.2.1', '203.0.113.9', undefined)).toBe('192.0.2.1');
    expect(clientAddress('::ffff:192.0.2.1', undefined, undefined)).toBe('192.0.2.1');
    expect(clientAddress(undefined, '203.0.113.9', trust('1'))).toBeNull();
  });

  it('is the address the trusted hops appended, counted from the right', () => {
    expect(clientAddress('10.0.0.5', '198.51.100.1, 203.0.113.9', trust('1'))).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', '198.51.100.1, 203.0.113.9, 10.0.0.9', trust('2'))).toBe('203.0.113.9');
    // Fewer entries than hops: the leftmost there is.
    expect(clientAddress('10.0.0.5', '203.0.113.9', trust('3'))).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', undefined, trust('1'))).toBe('10.0.0.5');
  });

  it('walks trusted ranges from the right to the first address outside them', () => {
    const ranges = trust('10.0.0.0/8');
    expect(clientAddress('10.0.0.5', '198.51.100.1, 203.0.113.9, 10.1.2.3', ranges)).toBe('203.0.113.9');
    // A peer outside the ranges is the client, and its header is not read.
    expect(clientAddress('192.0.2.7', '203.0.113.9', ranges)).toBe('192.0.2.7');
    expect(clientAddress('::ffff:10.0.0.5', '203.0.113.9', trust('::ffff:10.0.0.0/104'))).toBe('203.0.113.9');
  });

  it('stops at the last readable address when an entry is not one, and reads ports and brackets', () => {
    expect(clientAddress('10.0.0.5', "'; drop table, 203.0.113.9", trust('2'))).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', 'unknown', trust('1'))).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '203.0.113.9:41234', trust('1'))).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', '[2001:db8::1]:443', trust('1'))).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.5', '1', trust('1'))).toBe('10.0.0.5');
  });
});
