// waybill as `npm start` runs it: its own process, migrations on start, ready on /readyz; a
// malformed WAYBILL_PAYMENT_METHODS stops it at start with exit 78, naming the variable (S1-02).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EX_CONFIG } from '@fieldgram/platform';
import { freePort, startProcess, useTestEnv, waitFor } from '@fieldgram/testkit';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const env = useTestEnv('waybill-process');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('S1-02 the waybill process', () => {
  it('migrates, answers /readyz 200, and stops on SIGTERM', async () => {
    const storage = await mkdtemp(path.join(os.tmpdir(), 'fg-waybill-process-'));
    dirs.push(storage);
    const port = await freePort();
    const child = startProcess({
      name: 'waybill',
      entry: MAIN,
      env: env().processEnv({ HTTP_PORT: String(port), OBJECT_STORAGE_DIR: storage, NODE_ENV: 'test' }),
    });
    try {
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok === true,
        { message: 'waybill to be ready', timeoutMs: 30_000 },
      );
    } finally {
      await child.kill('SIGTERM');
    }
    expect((await child.exited).code).toBe(0);
  });

  it('refuses a malformed WAYBILL_PAYMENT_METHODS: exit 78, saying what is wrong', async () => {
    const child = startProcess({
      name: 'waybill',
      entry: MAIN,
      env: env().processEnv({ WAYBILL_PAYMENT_METHODS: 'card,courier', HTTP_PORT: '0' }),
    });
    expect((await child.exited).code).toBe(EX_CONFIG);
    expect(child.stderrText()).toContain(
      'WAYBILL_PAYMENT_METHODS: "courier" is not a default payment method: give its labels, e.g. courier=Courier/Курьер',
    );
  });
});
