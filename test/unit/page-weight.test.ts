import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES, PASSWORD_PAGES, pageWeight } from '../../bench/page-graph.ts';

// The portal as built before the tests run (scripts/test.sh, or npm run build:web).
const dist = fileURLToPath(new URL('../../web/dist', import.meta.url));

describe('page weight of the pages that set a password', () => {
  it.each(PASSWORD_PAGES)('$name loads at most 150 kB of gzipped JS and CSS', ({ module }) => {
    const weight = pageWeight(dist, module);
    expect(weight.total, weight.files.join(', ')).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  });

  it('counts what a page loads lazily, not only the entry (register fetches the bot check widget later)', () => {
    const { files } = pageWeight(dist, 'src/pages/Register.tsx');
    expect(files.some((f) => /^assets\/altcha-[\w-]+\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^assets\/index-[\w-]+\.css$/.test(f))).toBe(true);
  });
});
