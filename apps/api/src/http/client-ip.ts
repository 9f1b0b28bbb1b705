/** The client's IP address, for per-client limits and the login lockout. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { isIP } from 'node:net';

/**
 * How many reverse proxies in front of the API append to `X-Forwarded-For`:
 * `false`/0 trusts none (the socket's address counts), `true` one (what
 * `JALUR_TRUST_PROXY=1` means), a number that many.
 */
export type TrustProxy = boolean | number;

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything that is not an address → null. */
function normalize(address: string): string | null {
  const a = address.trim().replace(/^\[(.*)\](?::\d+)?$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) return mapped[1]!;
  return isIP(a) ? a.toLowerCase() : null;
}

/**
 * The socket's remote address; behind `trustProxy` proxies, the right-most
 * `X-Forwarded-For` entry that no trusted proxy wrote. Each proxy appends
 * the address it was connected from, so with one proxy the last entry is
 * the client as that proxy saw it; everything left of it is whatever the
 * client chose to send and is never believed. Requests made in process
 * (`app.request()` in tests) have no socket and count as `local`.
 */
export function clientIp(c: Context, trustProxy: TrustProxy): string {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : Math.max(0, Math.floor(trustProxy));
  if (hops > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
    if (entries.length > 0) {
      // The socket peer is the last proxy; it wrote the last entry, the one before it the entry before that, …
      const candidate = entries[Math.max(0, entries.length - hops)]!;
      const address = normalize(candidate);
      if (address) return address;
    }
  }
  return normalize(socketAddress(c)) ?? 'local';
}

/**
 * The unit a limit or a lockout counts: an IPv4 address, or the /64 network
 * of an IPv6 one (one home or school connection gets a whole /64, so its
 * single addresses cost nothing to rotate).
 */
export function sourceOf(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}
