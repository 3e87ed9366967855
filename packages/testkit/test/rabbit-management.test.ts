import { connect, type ChannelModel } from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '../src/index.js';

describe('RabbitManagement', () => {
  const env = useTestEnv('rabbit management');
  const openConnections: ChannelModel[] = [];

  afterEach(async () => {
    await Promise.all(openConnections.splice(0).map((connection) => connection.close().catch(() => {})));
  });

  async function openAmqp(): Promise<{ connection: ChannelModel; closed: Promise<Error | undefined> }> {
    const connection = await connect(env().amqpUrl);
    connection.on('error', () => {}); // a forced close also emits 'error'
    openConnections.push(connection);
    const closed = new Promise<Error | undefined>((resolve) => connection.once('close', resolve));
    return { connection, closed };
  }

  it('closeConnectionsWhenSeen really closes a client connection', async () => {
    const { connection, closed } = await openAmqp();
    const channel = await connection.createChannel();
    channel.on('error', () => {});

    const count = await env().management.closeConnectionsWhenSeen(env().amqpVhost, { reason: 'test' });

    expect(count).toBe(1);
    const error = await closed;
    expect(error?.message).toMatch(/CONNECTION_FORCED/);
    expect(await env().management.listConnections(env().amqpVhost)).toEqual([]);
  });

  it('closeConnections returns 0 when the vhost has no connections', async () => {
    expect(await env().management.closeConnections(env().amqpVhost)).toBe(0);
  });

  it('lists connections by vhost', async () => {
    await openAmqp();
    const listed = await waitFor(
      () =>
        env()
          .management.listConnections(env().amqpVhost)
          .then((c) => c[0]),
      {
        message: 'the connection to be listed',
        timeoutMs: 20_000,
        intervalMs: 250,
      },
    );
    expect(listed).toMatchObject({ vhost: env().amqpVhost, user: env().management.user });
    expect(await env().management.listConnections('fgt_no_such_vhost')).toEqual([]);
  });

  it('queueInfo and listQueues report messages and consumers', async () => {
    const { connection } = await openAmqp();
    const channel = await connection.createChannel();
    await channel.assertQueue('work');
    channel.sendToQueue('work', Buffer.from('one'));
    channel.sendToQueue('work', Buffer.from('two'));
    await channel.assertQueue('idle');
    await channel.consume('idle', () => {});

    // Queue statistics are refreshed every few seconds.
    const work = await waitFor(
      async () => {
        const info = await env().management.queueInfo(env().amqpVhost, 'work');
        return info?.messages === 2 ? info : undefined;
      },
      { message: "queue 'work' to show 2 messages", timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(work).toEqual({ messages: 2, messagesReady: 2, messagesUnacknowledged: 0, consumers: 0 });

    const idle = await waitFor(
      async () =>
        (await env().management.listQueues(env().amqpVhost)).find((q) => q.name === 'idle' && q.consumers),
      { message: "queue 'idle' to show its consumer", timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(idle.consumers).toBe(1);
    expect(await env().management.queueInfo(env().amqpVhost, 'no-such-queue')).toBeUndefined();
  });

  it('creates and deletes vhosts, with names that need URL-encoding', async () => {
    const vhost = `${env().id}/odd name`;
    await env().management.createVhost(vhost);
    try {
      expect(await env().management.vhostExists(vhost)).toBe(true);
      const url = new URL(env().amqpUrl);
      url.pathname = `/${encodeURIComponent(vhost)}`;
      const connection = await connect(url.href);
      await connection.close();
    } finally {
      expect(await env().management.deleteVhost(vhost)).toBe(true);
    }
    expect(await env().management.deleteVhost(vhost)).toBe(false);
  });
});
