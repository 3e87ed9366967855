import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface ListeningServer {
  port: number;
  /** Stops accepting, drops every open connection (held long polls too) and resolves when closed. */
  close(): Promise<void>;
}

export function listen(handler: RequestListener, host: string, port: number): Promise<ListeningServer> {
  const server: Server = createServer(handler);
  // A long poll may be held for 50 s; Node's default 5 s keep-alive would cut idle clients oddly.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}
