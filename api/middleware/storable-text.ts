import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors.ts';
import { findUnstorableText, isStorableText, UNSTORABLE_FIELD_MESSAGE } from '../../domain/text.ts';

/** JSON bodies are answers and letters, never files: a megabyte is ample. Uploads have their own limit. */
const MAX_JSON_BYTES = 1024 * 1024;

export function unstorable(field: string): AppError {
  return new AppError('BAD_REQUEST', `Check the request: ${field}: ${UNSTORABLE_FIELD_MESSAGE}.`, {
    [field]: UNSTORABLE_FIELD_MESSAGE,
  });
}

const jsonLimit = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: () => {
    throw new AppError('BAD_REQUEST', 'The request is too large. Shorten the answers and try again.');
  },
});

/**
 * Every string the API accepts, checked once before any route reads it: each
 * path segment, query parameter and JSON value (multipart uploads are checked
 * where they are read, after their own size limit).
 */
export function storableText(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    for (const segment of url.pathname.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        throw new AppError('BAD_REQUEST', 'The address has a broken character in it. Check the link and try again.', {
          path: 'The address has a broken character in it',
        });
      }
      if (!isStorableText(decoded)) throw unstorable('path');
    }
    for (const [key, value] of url.searchParams) {
      if (!isStorableText(key) || !isStorableText(value)) throw unstorable(isStorableText(key) ? key : 'query');
    }
    if (!(c.req.header('content-type') ?? '').toLowerCase().includes('application/json')) return next();
    return jsonLimit(c, async () => {
      let body: unknown;
      try {
        // Hono keeps the parsed body, so the route's own validator reads it again without a second parse.
        body = await c.req.json();
      } catch {
        throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
      }
      const field = findUnstorableText(body);
      if (field) throw unstorable(field);
      await next();
    });
  };
}
