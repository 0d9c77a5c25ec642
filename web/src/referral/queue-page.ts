import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * A queue shown a page at a time, whose page is the address (`?cursor=`), with
 * the links the Pagination component shows: the next page, and back to the first.
 */
export function createQueuePage<P extends { nextCursor: string | null }>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
) {
  const [params] = useSearchParams();
  const cursor = () => one(params.cursor);
  const [page] = createResource(
    () => ({ cursor: cursor() }),
    (source) => fetchPage(source.cursor),
  );
  return {
    page,
    nextHref: () => {
      const next = page.latest?.nextCursor;
      return next ? `?${new URLSearchParams({ cursor: next })}` : undefined;
    },
    firstHref: () => (cursor() ? '?' : undefined),
  };
}
