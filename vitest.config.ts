import { defineConfig } from 'vitest/config';

// One Temporal dev server, one fresh database and one workflow bundle per run
// (test/global-setup.ts). Forks, never threads: the Temporal native bridge and
// worker want a process of their own.
export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Browsers and servers are heavy on two cores: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
