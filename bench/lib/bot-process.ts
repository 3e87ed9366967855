import { startProcess, type ChildHandle } from '@fieldgram/testkit/env';

/** How long a baseline bot may take to print {"ready":true}. */
const READY_TIMEOUT_MS = 60_000;

/**
 * A baseline bot as its own process (`node --import tsx <entry>`), running once it printed
 * {"ready":true}: the child and the time from spawn to ready. Killed if it never gets there.
 */
export async function startBotProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
): Promise<{ child: ChildHandle; startToReadyMs: number }> {
  const started = performance.now();
  const child = startProcess({ name, entry, env: { ...process.env, ...env } });
  try {
    await child.waitForLog((entry) => entry.ready === true, READY_TIMEOUT_MS);
  } catch (error) {
    await child.kill('SIGKILL');
    throw error;
  }
  return { child, startToReadyMs: performance.now() - started };
}
