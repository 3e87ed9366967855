import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/{src,test}/**/*.test.ts',
      'services/*/{src,test}/**/*.test.ts',
      'e2e/**/*.test.ts',
      'bench/lib/**/*.test.ts',
    ],
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    // Forks, not threads: tests spawn and SIGKILL child processes and install signal handlers.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 3, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
