import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_BUDGET_BYTES, PASSWORD_PAGES, pageWeight } from './page-graph.ts';

/**
 * The gzipped JS and CSS each password-setting page of the built portal loads,
 * against the budget. Give other builds' directories to compare them
 * (say a build of an older commit):
 *
 *   npm run build:web && npm run bench:page-weight
 *   npx tsx bench/page-weight.ts /tmp/old-dist web/dist
 */
const dists =
  process.argv.length > 2 ? process.argv.slice(2) : [fileURLToPath(new URL('../web/dist', import.meta.url))];
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`.padStart(9);

for (const dist of dists) {
  console.log(
    `\n${path.relative(process.cwd(), dist) || '.'} (budget ${kB(PAGE_BUDGET_BYTES).trim()} per page, gzipped)`,
  );
  console.log(`${'page'.padEnd(16)}${'JS'.padStart(9)}${'CSS'.padStart(9)}${'total'.padStart(9)}  files`);
  for (const page of PASSWORD_PAGES) {
    const weight = pageWeight(dist, page.module);
    const over = weight.total > PAGE_BUDGET_BYTES ? '  OVER BUDGET' : '';
    console.log(
      `${page.name.padEnd(16)}${kB(weight.jsGzip)}${kB(weight.cssGzip)}${kB(weight.total)}  ${weight.files.map((f) => path.basename(f)).join(', ')}${over}`,
    );
  }
}
