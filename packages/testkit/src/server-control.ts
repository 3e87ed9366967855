import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { resolveEndpoints } from './endpoints.js';
import { waitFor } from './wait-for.js';
import { connectPg } from './pg-client.js';

const run = promisify(execFile);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function isLocal(url: string): boolean {
  return LOCAL_HOSTS.has(new URL(url).hostname);
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${command}`));
}

/**
 * Restarting the shared servers breaks every other test running at that moment, so it is allowed
 * only where a run asked for it: `npm test` sets this for its `serial` stage, which runs alone.
 */
function restartsAllowed(): boolean {
  return process.env.FG_SERVER_RESTARTS === '1';
}

/**
 * Restarts of the machine's own RabbitMQ and PostgreSQL, for tests of outages. Only possible
 * when the servers are local installs (not containers or remote hosts) and the run allows it
 * (FG_SERVER_RESTARTS=1); tests skip otherwise.
 */
export const serverControl = {
  canRestartRabbit(): boolean {
    return restartsAllowed() && isLocal(resolveEndpoints().amqpUrl) && onPath('rabbitmqctl');
  },

  /** Stops and starts the broker application: every connection drops; durable state stays. */
  async restartRabbit(): Promise<void> {
    await run('rabbitmqctl', ['stop_app']);
    await run('rabbitmqctl', ['start_app']);
    await run('rabbitmqctl', ['await_startup']);
  },

  canRestartPostgres(): boolean {
    return (
      restartsAllowed() &&
      isLocal(resolveEndpoints().databaseUrl) &&
      onPath('pg_ctlcluster') &&
      existsSync('/etc/postgresql')
    );
  },

  /** Restarts the cluster (fast shutdown: sessions are terminated) and waits until it answers. */
  async restartPostgres(): Promise<void> {
    const version = readdirSync('/etc/postgresql').sort().at(-1);
    if (!version) throw new Error('no PostgreSQL cluster under /etc/postgresql');
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart', '--', '-m', 'fast']);
    await waitFor(
      async () => {
        const client = await connectPg(resolveEndpoints().databaseUrl, 1_000).catch(() => undefined);
        await client?.end();
        return client !== undefined;
      },
      { message: 'PostgreSQL answering after restart', timeoutMs: 30_000, intervalMs: 200 },
    );
  },
};
