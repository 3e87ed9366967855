import { waitFor } from './wait-for.js';

/** Message and consumer counts of one queue, as the management API reports them. */
export interface QueueInfo {
  messages: number;
  messagesReady: number;
  messagesUnacknowledged: number;
  consumers: number;
}

export interface QueueSummary extends QueueInfo {
  name: string;
}

export interface ConnectionInfo {
  /** The management API's id of the connection, e.g. '127.0.0.1:50412 -> 127.0.0.1:5672'. */
  name: string;
  vhost: string;
  user: string;
  /** The `connection_name` client property, when the client set one. */
  clientName: string | undefined;
}

export class RabbitManagementError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    detail: string,
  ) {
    super(`RabbitMQ management API ${method} ${path} answered ${status}: ${detail}`);
    this.name = 'RabbitManagementError';
  }
}

/**
 * Client for the RabbitMQ management HTTP API (the plugin on port 15672).
 *
 * The API serves statistics from a database refreshed every few seconds: a new connection is
 * listed only after a delay, and queue counts may be a few seconds old. Poll (see
 * `closeConnectionsWhenSeen`, `waitFor`) rather than expecting an immediate answer.
 */
export class RabbitManagement {
  /** The user of the management URL; `createVhost` grants it full permissions. */
  readonly user: string;
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly requestTimeoutMs: number;

  /** @param managementUrl e.g. http://guest:guest@127.0.0.1:15672 (credentials in the URL). */
  constructor(managementUrl: string, { requestTimeoutMs = 10_000 }: { requestTimeoutMs?: number } = {}) {
    const url = new URL(managementUrl);
    this.user = decodeURIComponent(url.username) || 'guest';
    const password = decodeURIComponent(url.password) || 'guest';
    this.authorization = `Basic ${Buffer.from(`${this.user}:${password}`).toString('base64')}`;
    // fetch refuses URLs with credentials, so they travel in the Authorization header instead.
    url.username = '';
    url.password = '';
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.requestTimeoutMs = requestTimeoutMs;
  }

  /** GET /api/overview: answers when the broker and the plugin are up. */
  async overview(): Promise<{ rabbitmqVersion: string; managementVersion: string }> {
    const body = asRecord(await this.request('GET', '/api/overview'));
    return {
      rabbitmqVersion: asString(body.rabbitmq_version),
      managementVersion: asString(body.management_version),
    };
  }

  /** Creates the vhost (no-op if it exists) and gives the management user full permissions on it. */
  async createVhost(name: string): Promise<void> {
    await this.request('PUT', `/api/vhosts/${enc(name)}`, {});
    await this.grantPermissions(name, this.user);
  }

  /** Grants `user` configure/write/read on everything in the vhost. */
  async grantPermissions(vhost: string, user: string): Promise<void> {
    await this.request('PUT', `/api/permissions/${enc(vhost)}/${enc(user)}`, {
      configure: '.*',
      write: '.*',
      read: '.*',
    });
  }

  /** Deletes the vhost with its queues, exchanges and connections. Returns false if it did not exist. */
  async deleteVhost(name: string): Promise<boolean> {
    return (
      (await this.request('DELETE', `/api/vhosts/${enc(name)}`, undefined, { allowNotFound: true })) !==
      NOT_FOUND
    );
  }

  async vhostExists(name: string): Promise<boolean> {
    return (
      (await this.request('GET', `/api/vhosts/${enc(name)}`, undefined, { allowNotFound: true })) !==
      NOT_FOUND
    );
  }

  /** Client connections, of one vhost or of the whole broker. */
  async listConnections(vhost?: string): Promise<ConnectionInfo[]> {
    const path = vhost === undefined ? '/api/connections' : `/api/vhosts/${enc(vhost)}/connections`;
    const body = await this.request('GET', path, undefined, { allowNotFound: vhost !== undefined });
    if (body === NOT_FOUND) return [];
    return asArray(body).map((item) => {
      const connection = asRecord(item);
      const clientProperties = asRecord(connection.client_properties ?? {});
      const clientName = clientProperties.connection_name;
      return {
        name: asString(connection.name),
        vhost: asString(connection.vhost),
        user: asString(connection.user),
        clientName: typeof clientName === 'string' ? clientName : undefined,
      };
    });
  }

  /**
   * Force-closes every connection the API currently lists for the vhost (clients see a
   * connection 'close' with CONNECTION_FORCED). Returns how many were closed. Connections opened
   * in the last few seconds may not be listed yet: use `closeConnectionsWhenSeen` for those.
   */
  async closeConnections(vhost: string, reason = 'closed by testkit'): Promise<number> {
    const connections = await this.listConnections(vhost);
    let closed = 0;
    for (const connection of connections) {
      const result = await this.request('DELETE', `/api/connections/${enc(connection.name)}`, undefined, {
        allowNotFound: true, // it may have closed on its own meanwhile
        headers: { 'X-Reason': reason },
      });
      if (result !== NOT_FOUND) closed += 1;
    }
    return closed;
  }

  /** Waits until at least `min` connections of the vhost are listed, then closes them all. */
  async closeConnectionsWhenSeen(
    vhost: string,
    { min = 1, timeoutMs = 20_000, reason }: { min?: number; timeoutMs?: number; reason?: string } = {},
  ): Promise<number> {
    await waitFor(async () => (await this.listConnections(vhost)).length >= min, {
      message: `${min} connection(s) to vhost '${vhost}' to appear in the RabbitMQ management API`,
      timeoutMs,
      intervalMs: 250,
    });
    return this.closeConnections(vhost, reason);
  }

  /** Counts for one queue, or undefined if the vhost has no such queue. */
  async queueInfo(vhost: string, queue: string): Promise<QueueInfo | undefined> {
    const body = await this.request('GET', `/api/queues/${enc(vhost)}/${enc(queue)}`, undefined, {
      allowNotFound: true,
    });
    if (body === NOT_FOUND) return undefined;
    const { name: _name, ...counts } = toQueueSummary(body);
    return counts;
  }

  async listQueues(vhost: string): Promise<QueueSummary[]> {
    const body = await this.request('GET', `/api/queues/${enc(vhost)}`, undefined, { allowNotFound: true });
    return body === NOT_FOUND ? [] : asArray(body).map(toQueueSummary);
  }

  /** The bindings of a queue from named exchanges (the default exchange's implicit one left out). */
  async queueBindings(vhost: string, queue: string): Promise<{ exchange: string; routingKey: string }[]> {
    const body = await this.request('GET', `/api/queues/${enc(vhost)}/${enc(queue)}/bindings`, undefined, {
      allowNotFound: true,
    });
    if (body === NOT_FOUND) return [];
    return asArray(body)
      .map(asRecord)
      .filter((binding) => asString(binding.source) !== '')
      .map((binding) => ({ exchange: asString(binding.source), routingKey: asString(binding.routing_key) }));
  }

  private async request(
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    {
      allowNotFound = false,
      headers = {},
    }: { allowNotFound?: boolean; headers?: Record<string, string> } = {},
  ): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: {
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause : error) : undefined;
      throw new Error(
        `RabbitMQ management API ${method} ${path} at ${this.baseUrl} failed: ${cause?.message ?? String(error)}`,
        { cause: error },
      );
    }
    const text = await response.text();
    if (response.status === 404 && allowNotFound) return NOT_FOUND;
    if (!response.ok) throw new RabbitManagementError(method, path, response.status, text.slice(0, 300));
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
}

const NOT_FOUND = Symbol('not found');

/** Vhost, queue and connection names go into one path segment each ('/' becomes %2F). */
const enc = encodeURIComponent;

function toQueueSummary(item: unknown): QueueSummary {
  const queue = asRecord(item);
  // A queue created a moment ago has no statistics yet: its counts are absent, i.e. zero.
  return {
    name: asString(queue.name),
    messages: asCount(queue.messages),
    messagesReady: asCount(queue.messages_ready),
    messagesUnacknowledged: asCount(queue.messages_unacknowledged),
    consumers: asCount(queue.consumers),
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`RabbitMQ management API: expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`RabbitMQ management API: expected a list, got ${typeof value}`);
  return value as unknown[];
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asCount(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
