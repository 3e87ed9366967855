import { defineConfig } from 'vitest/config';

const everyTest = [
  'packages/*/{src,test}/**/*.test.ts',
  'services/*/{src,test}/**/*.test.ts',
  'e2e/**/*.test.ts',
  'bench/lib/**/*.test.ts',
  'scripts/**/*.test.ts',
  'host/src/**/*.test.ts',
];
// Tests that restart shared servers (RabbitMQ, PostgreSQL), or whose figures a loaded machine would
// disturb (egress pacing), must not overlap anything else: scripts/test.sh runs the `serial`
// project on its own after the `parallel` one.
const serialTests = '**/*.serial.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    // Forks, not threads: tests spawn and SIGKILL child processes and install signal handlers.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 3, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'parallel', include: everyTest, exclude: [serialTests, '**/node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: [serialTests],
          exclude: ['**/node_modules/**'],
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
