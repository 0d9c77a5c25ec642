import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { clientAddress } from '../../services/trusted-proxies.ts';
import type { AppEnv } from '../context.ts';

/**
 * The caller's address, for rate limits and the audit log: the socket's peer, or behind trusted
 * proxies (TRUST_PROXY) the address they forwarded. X-Forwarded-For is never read otherwise, as
 * anyone can send it. Null when not served over a socket (tests).
 */
export function clientIp(c: Context<AppEnv>): string | null {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    return null;
  }
  return clientAddress(socket, c.req.header('x-forwarded-for'), c.get('deps').settings.trustProxy);
}
