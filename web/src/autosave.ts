import { createSignal, onCleanup } from 'solid-js';
import { ApiError } from './api.ts';
import { formatTime } from './format.ts';

/**
 * Saves a draft a moment after the user stops typing, one save at a time, and
 * says when it last saved. `saveNow` is for "Save For Later" and before submit.
 */
export function createAutosave(save: () => Promise<{ savedAt: string }>, delayMs = 1500) {
  const [status, setStatus] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let queue: Promise<void> = Promise.resolve();

  const run = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return queue;
    dirty = false;
    const next = queue
      .catch(() => undefined)
      .then(async () => {
        try {
          const { savedAt } = await save();
          setStatus(`Saved at ${formatTime(savedAt)}`);
        } catch (error) {
          dirty = true;
          setStatus(`Your changes could not be saved. ${error instanceof ApiError ? error.message : ''}`.trim());
          throw error;
        }
      });
    queue = next;
    return next;
  };

  onCleanup(() => {
    // Leaving the page: keep what was typed since the last save.
    if (dirty) run().catch(() => undefined);
  });

  return {
    status,
    changed() {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(() => run().catch(() => undefined), delayMs);
    },
    /** Saves pending changes now; with `always`, saves even if nothing changed. */
    saveNow(always = false): Promise<void> {
      if (always) dirty = true;
      return run();
    },
  };
}
