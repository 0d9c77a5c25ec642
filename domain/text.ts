/**
 * Text PostgreSQL can store as it was sent: no NUL character (text and jsonb
 * refuse it) and no lone UTF-16 surrogate (jsonb refuses its escape; a text
 * column would silently turn it into U+FFFD).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

export const UNSTORABLE_FIELD_MESSAGE =
  'Remove the character that cannot be saved (a hidden null character or half of an emoji) and try again';

/**
 * The path ("formData.reason", "items.2") of the first string in a parsed JSON
 * value, or of the first key, that cannot be stored; undefined when all can.
 */
export function findUnstorableText(value: unknown, path: readonly (string | number)[] = []): string | undefined {
  const here = () => path.join('.') || 'body';
  if (typeof value === 'string') return isStorableText(value) ? undefined : here();
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A broken key is named by where it stands, since the key itself cannot be shown.
      if (!isStorableText(key)) return here();
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
