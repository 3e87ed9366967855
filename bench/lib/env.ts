import { pino } from 'pino';
// The vitest-free entry of testkit: its main index also exports useTestEnv, which needs vitest.
import { createTestEnv, type TestEnv } from '@fieldgram/testkit/env';

export type { TestEnv };

export const silentLogger = pino({ level: 'silent' });

/** Runs `work` in a fresh database + vhost of its own, disposed afterwards whatever happens. */
export async function withBenchEnv<T>(label: string, work: (env: TestEnv) => Promise<T>): Promise<T> {
  const env = await createTestEnv(`bench-${label}`);
  try {
    return await work(env);
  } finally {
    await env.dispose();
  }
}
