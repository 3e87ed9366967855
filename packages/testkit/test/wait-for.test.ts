import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../src/index.js';

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls += 1;
        return calls >= 3 ? { calls } : undefined;
      },
      { message: 'the third call', intervalMs: 1 },
    );
    expect(value).toEqual({ calls: 3 });
  });

  it('treats a throwing probe as not yet', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        await sleep(1);
        if (calls < 2) throw new Error('not ready');
        return 'ready';
      },
      { message: 'readiness', intervalMs: 1 },
    );
    expect(value).toBe('ready');
  });

  it('on timeout names what it waited for and the last value', async () => {
    const rows: string[] = [];
    await expect(
      waitFor(() => rows.length, { message: 'a row to be written', timeoutMs: 100 }),
    ).rejects.toThrow(/^Timed out after 100 ms waiting for a row to be written; last value: 0$/);
  });

  it('on timeout reports the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('connection refused');
        },
        { message: 'the service to answer', timeoutMs: 100 },
      ),
    ).rejects.toThrow(
      'Timed out after 100 ms waiting for the service to answer; last error: connection refused',
    );
  });

  it('does not wait past the deadline for a probe that hangs', async () => {
    const started = Date.now();
    await expect(
      waitFor(() => sleep(10_000).then(() => true), { message: 'a hanging probe', timeoutMs: 100 }),
    ).rejects.toThrow(/waiting for a hanging probe; last error: probe still pending/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
