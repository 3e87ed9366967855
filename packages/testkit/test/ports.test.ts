import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, freePortBlock } from '../src/index.js';

describe('freePort', () => {
  it('returns a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);

    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('freePortBlock', () => {
  it('returns the first of a run of ports that can all be bound', async () => {
    const base = await freePortBlock(5);
    const servers = await Promise.all(
      [0, 1, 2, 3, 4].map(
        (offset) =>
          new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
            const server = createServer();
            server.once('error', reject);
            server.listen(base + offset, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });
});
