import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Channel, ChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import { EXCHANGES, messages, type FeedItem } from '@fieldgram/contracts';
import { decodeMessage, type BusConnection, type ServicePart } from '@fieldgram/platform';
import type { StreamHub } from './stream-hub.js';

const REOPEN_DELAY_MS = 500;
const MAX_REOPEN_DELAY_MS = 10_000;

/**
 * Live notifications for this instance's SSE streams. Every instance binds a queue of its own
 * (exclusive, auto-deleted with its connection) to `notification.created` on fg.events, so each
 * hears every item and writes it to the recipient's streams it holds. The queue is declared by a
 * connection setup, so it comes back after a reconnect; a channel that dies alone is reopened.
 * Delivery is at most once, as a live view should be: the feed itself is in the notification
 * service (GET /notifications).
 */
export function notificationFeedPart(options: {
  connection: () => BusConnection;
  hub: StreamHub;
  logger: Logger;
}): ServicePart & { delivered(): number } {
  const { hub, logger } = options;
  const queueName = `api-gateway.sse.${hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`;
  let channel: Channel | null = null;
  let detach: (() => void) | null = null;
  let stopped = false;
  let delivered = 0;

  const onMessage = (content: Buffer): void => {
    const decoded = decodeMessage(messages, content);
    if (!decoded.ok || decoded.envelope.type !== 'notification.created') {
      logger.warn({ reason: decoded.ok ? decoded.envelope.type : decoded.reason }, 'ignored a feed message');
      return;
    }
    delivered += hub.deliver(decoded.envelope.data as FeedItem);
  };

  const openOn = async (model: ChannelModel): Promise<void> => {
    if (stopped) return;
    const fresh = await model.createChannel();
    fresh.on('error', (error: Error) => logger.warn({ err: error }, 'notification feed channel error'));
    await fresh.assertExchange(EXCHANGES.events, 'topic', { durable: true });
    await fresh.assertQueue(queueName, { exclusive: true, autoDelete: true, durable: false });
    await fresh.bindQueue(queueName, EXCHANGES.events, 'notification.created');
    await fresh.consume(queueName, (message) => message && onMessage(message.content), { noAck: true });
    fresh.on('close', () => {
      if (channel === fresh) channel = null;
      reopenLater(model, REOPEN_DELAY_MS);
    });
    channel = fresh;
  };

  // After a reconnect the connection's setups reopen us; a channel that died alone is ours to reopen.
  const reopenLater = (model: ChannelModel, delayMs: number): void => {
    setTimeout(() => {
      if (stopped || channel || options.connection().current() !== model) return;
      openOn(model).catch((error: unknown) => {
        logger.error({ err: error }, 'reopening the notification feed channel failed; retrying');
        reopenLater(model, Math.min(delayMs * 2, MAX_REOPEN_DELAY_MS));
      });
    }, delayMs).unref();
  };

  return {
    name: 'notification-feed',
    start: async () => {
      detach = await options.connection().attach(openOn);
    },
    stop: async () => {
      stopped = true;
      detach?.();
      const open = channel;
      channel = null;
      await open?.close().catch(() => undefined);
    },
    isReady: () => channel !== null,
    delivered: () => delivered,
  };
}
