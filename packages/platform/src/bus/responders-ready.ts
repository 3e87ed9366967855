import type { Channel } from 'amqplib';
import type { Logger } from 'pino';
import { resultSchemaOf, type Registry } from '@fieldgram/contracts';
import type { ServicePart } from '../runner/service-part.js';
import type { BusConnection } from './connection.js';
import { targetOf } from './rpc-protocol.js';

const CHECK_INTERVAL_MS = 250;

/** The queue a service answers its reads on (every instance consumes it): `identity.queries`. */
export function queriesQueueOf(service: string): string {
  return `${service}.queries`;
}

/** The queue a service answers its state changes on: `task.commands`. */
export function commandsQueueOf(service: string): string {
  return `${service}.commands`;
}

/** The request queues of every service that answers something of `registry`, except `self`'s. */
export function responderQueues(registry: Registry, self: string): string[] {
  const queues = new Set<string>();
  for (const [type, def] of Object.entries(registry)) {
    const target = targetOf(type);
    if (target === self || !resultSchemaOf(def)) continue;
    queues.add(def.kind === 'query' ? queriesQueueOf(target) : commandsQueueOf(target));
  }
  return [...queues].sort();
}

/**
 * A part that is ready once each of `queues` has been seen with a consumer, so a front door
 * (the REST API) does not report ready while the services it asks are still starting (on a
 * fresh broker their queues do not even exist yet). Once seen, a queue counts for good: a
 * service that goes down later is the circuit breaker's business, not a reason to leave the
 * load balancer. Checking stops when every queue was seen.
 */
export function respondersReady(options: {
  connection: () => BusConnection;
  queues: readonly string[];
  logger: Logger;
  intervalMs?: number;
}): ServicePart {
  const waiting = new Set(options.queues);
  let timer: NodeJS.Timeout | null = null;
  let checking: Promise<void> | null = null;

  const check = async (): Promise<void> => {
    const model = options.connection().current();
    if (!model) return;
    let channel: Channel | null = null;
    try {
      for (const queue of [...waiting]) {
        if (!channel) {
          channel = await model.createChannel();
          // The 404 of a missing queue arrives as the channel's error: expected, not the connection's.
          channel.on('error', () => undefined);
        }
        // A passive check of a missing queue closes the channel (404): open another for the next.
        const consumers = await channel
          .checkQueue(queue)
          .then((answer) => answer.consumerCount)
          .catch(() => {
            channel = null;
            return 0;
          });
        if (consumers > 0) waiting.delete(queue);
      }
    } finally {
      await channel?.close().catch(() => undefined);
    }
    if (waiting.size === 0) {
      options.logger.info({ queues: options.queues }, 'every service this one asks is answering');
      if (timer) clearInterval(timer);
    }
  };
  const tick = (): void => {
    if (checking || waiting.size === 0) return;
    checking = check()
      .catch((error: unknown) => options.logger.debug({ err: error }, 'responder check failed'))
      .finally(() => (checking = null));
  };

  return {
    name: 'responders',
    start: () => {
      tick();
      timer = setInterval(tick, options.intervalMs ?? CHECK_INTERVAL_MS);
      timer.unref();
      return Promise.resolve();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await checking;
    },
    isReady: () => waiting.size === 0,
  };
}
