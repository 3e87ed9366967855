// Issue 15: one host process runs the services FIELDGRAM_SERVICES names, each with its own parts,
// behind one ops server; a service that cannot start stops the process (exit 1) for its
// supervisor to restart, after stopping the services that did start.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, serviceEnvValues, startProcess, useTestEnv, type ChildHandle } from '@fieldgram/testkit';

const HOST_ENTRY = 'host/src/main.ts';
const env = useTestEnv('host');
const running: ChildHandle[] = [];
afterAll(async () => {
  await Promise.all(running.map((child) => child.kill('SIGKILL')));
});

async function startHost(extra: Record<string, string>): Promise<{ child: ChildHandle; opsUrl: string }> {
  const port = await freePort();
  const child = startProcess({
    name: 'host',
    entry: HOST_ENTRY,
    env: { ...process.env, ...serviceEnvValues(env()), LOG_LEVEL: 'info', HTTP_PORT: String(port), ...extra },
  });
  running.push(child);
  return { child, opsUrl: `http://127.0.0.1:${port}` };
}

describe('the host process', () => {
  it('runs the services named, behind one ops server, and stops each gracefully on SIGTERM', async () => {
    const { child, opsUrl } = await startHost({ FIELDGRAM_SERVICES: 'task, audit' });
    for (const service of ['audit', 'task'])
      await child.waitForLog((entry) => entry.msg === 'service started' && entry.service === service, 60_000);
    const ready = await fetch(`${opsUrl}/readyz`);
    const report = (await ready.json()) as { checks: Record<string, boolean> };
    expect(ready.status).toBe(200);
    const services = new Set(Object.keys(report.checks).map((check) => check.split('.')[0]));
    expect([...services].sort()).toEqual(['audit', 'task']);
    expect(report.checks).toMatchObject({ 'task.database': true, 'audit.bus': true });
    const metrics = await (await fetch(`${opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/fg_outbox_pending\{service="task"\}/);
    expect(metrics).toMatch(/fg_outbox_pending\{service="audit"\}/);

    expect(await child.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    const stopped = child.logs().filter((entry) => entry.msg === 'service stopped');
    expect(stopped.map((entry) => entry.service).sort()).toEqual(['audit', 'task']);
    expect(child.lines().join('\n')).not.toContain('second signal');
  });

  it('exits 78 naming an unknown service, before starting anything', async () => {
    const { child } = await startHost({ FIELDGRAM_SERVICES: 'task,billing' });
    expect(await child.exited).toEqual({ code: 78, signal: null });
    expect(child.stderrText()).toContain('FIELDGRAM_SERVICES: unknown service "billing"; known: api-gateway');
    expect(child.logs().filter((entry) => entry.msg === 'service starting')).toEqual([]);
  });

  it('exits 1 when one service cannot start, after stopping the others that did', async () => {
    // The API's port is taken: api-gateway cannot listen, task starts as usual.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const { child } = await startHost({
      FIELDGRAM_SERVICES: 'task,api-gateway',
      API_PORT: String(port),
      JWT_SECRET: 'a host test secret of at least 32 characters',
    });
    const status = await child.exited;
    taken.close();
    expect(status).toEqual({ code: 1, signal: null });
    const logs = child.logs();
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'service failed to start', service: 'api-gateway' }),
    );
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'service stopped', service: 'task' }));
  });
});
