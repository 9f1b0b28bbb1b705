/** The client address behind proxies, and the unit limits count (IPv4 address, IPv6 /64). */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIp, sourceOf, type TrustProxy } from './client-ip.ts';

async function ipOf(trust: TrustProxy, xff?: string): Promise<string> {
  const app = new Hono().get('/', (c) => c.text(clientIp(c, trust)));
  return (await app.request('/', { headers: xff === undefined ? {} : { 'x-forwarded-for': xff } })).text();
}

describe('clientIp', () => {
  it('without a trusted proxy ignores X-Forwarded-For entirely', async () => {
    expect(await ipOf(false, '1.2.3.4')).toBe('local');
  });

  it('behind one proxy takes the right-most entry: what the client puts first is never believed', async () => {
    expect(await ipOf(true, '203.0.113.7')).toBe('203.0.113.7');
    expect(await ipOf(true, '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(await ipOf(true, '1.1.1.1,2.2.2.2 ,  203.0.113.7')).toBe('203.0.113.7');
    expect(await ipOf(1, '::ffff:10.0.0.5')).toBe('10.0.0.5');
    expect(await ipOf(true, '[2001:db8::1]:4711')).toBe('2001:db8::1');
  });

  it('behind two proxies takes the second entry from the right', async () => {
    expect(await ipOf(2, 'palsu, 198.51.100.9, 10.0.0.2')).toBe('198.51.100.9');
    expect(await ipOf(2, '198.51.100.9')).toBe('198.51.100.9');
  });

  it('falls back to the socket address when the entry is not an address', async () => {
    expect(await ipOf(true, 'bukan-alamat')).toBe('local');
    expect(await ipOf(true, '')).toBe('local');
  });
});

describe('sourceOf', () => {
  it('keeps an IPv4 address and groups IPv6 by /64', () => {
    expect(sourceOf('203.0.113.7')).toBe('203.0.113.7');
    expect(sourceOf('2001:db8:abcd:12:1::9')).toBe('2001:db8:abcd:12::/64');
    expect(sourceOf('2001:0db8:abcd:0012:ffff:eeee:dddd:cccc')).toBe('2001:db8:abcd:12::/64');
    expect(sourceOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceOf('::1')).toBe('0:0:0:0::/64');
    expect(sourceOf('local')).toBe('local');
  });
});
