import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** A strict CSP for the portal, the API and the API reference page (its files are served from here, nothing inline). */
const policy = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: 'same-origin',
  crossOriginEmbedderPolicy: false,
});

/**
 * The headers hono's secureHeaders gives these options (no nonces: the same for every response),
 * read once from a response it decorated.
 */
const HEADERS = [
  ...(
    await new Hono()
      .use(policy)
      .get('/', (c) => c.body(null))
      .request('/')
  ).headers,
];

/**
 * hono's secureHeaders, with its headers set before the handler rather than on the finished
 * response: a header set after the handler makes @hono/node-server rebuild the response (its body
 * through a web stream), a cost every request paid.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    for (const [name, value] of HEADERS) c.header(name, value);
    await next();
  };
}
