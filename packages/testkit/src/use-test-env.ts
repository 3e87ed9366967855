import { afterAll, beforeAll } from 'vitest';
import { createTestEnv, type TestEnv } from './isolation.js';

/**
 * Gives a vitest file its own TestEnv: created in beforeAll, disposed in afterAll.
 *
 *   const env = useTestEnv('bus');
 *   it('publishes', async () => { const connection = await connect(env().amqpUrl); ... });
 *
 * It returns a getter rather than the TestEnv because the env exists only once beforeAll has
 * run; calling the getter earlier (e.g. at module top level) throws instead of yielding undefined.
 */
export function useTestEnv(label: string): () => TestEnv {
  let env: TestEnv | undefined;
  beforeAll(async () => {
    env = await createTestEnv(label);
  });
  afterAll(async () => {
    await env?.dispose();
  });
  return () => {
    if (env === undefined) {
      throw new Error(
        `useTestEnv('${label}'): the TestEnv exists only inside tests and hooks, after beforeAll`,
      );
    }
    return env;
  };
}
