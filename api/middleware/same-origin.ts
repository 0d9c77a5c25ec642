import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../domain/errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for every state-changing request, whatever its content type
 * (Hono's csrf() checks only form posts). A request must show it comes from this
 * site: Sec-Fetch-Site "same-origin", or, from a browser that does not send
 * Sec-Fetch-Site, an Origin equal to ours. A request that says nothing is refused
 * too (SPEC 11): browsers always send one of the two on such requests, so only a
 * forged or scripted request lacks both. A present Sec-Fetch-Site wins over
 * Origin, because only the browser can set it.
 */
export function sameOrigin(allowedOrigin: string): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const allowed = site !== undefined ? site === 'same-origin' : origin === allowedOrigin;
      if (!allowed) {
        const why =
          site === undefined && origin === undefined ? 'did not say which site it came from' : 'came from another site';
        throw new AppError(
          'FORBIDDEN',
          `This request ${why} and was refused. Open Casebook at ${allowedOrigin} in your web browser and try again.`,
        );
      }
    }
    await next();
  };
}
