import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../domain/errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for every state-changing request, whatever its content type
 * (Hono's csrf() checks only form posts): a browser always says where a request
 * comes from, through Sec-Fetch-Site or Origin, and it must be this site.
 */
export function sameOrigin(allowedOrigin: string): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        throw new AppError('FORBIDDEN', 'This request came from another site and was refused.');
      }
      if (origin !== undefined && origin !== allowedOrigin) {
        throw new AppError('FORBIDDEN', 'This request came from another site and was refused.');
      }
    }
    await next();
  };
}
