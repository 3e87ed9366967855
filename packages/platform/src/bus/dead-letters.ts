import type { Channel, ConfirmChannel, GetMessage } from 'amqplib';
import type { BusConnection } from './connection.js';
import { HEADERS, headerNumber, headerString } from './headers.js';
import { deadQueueName, queueOfDeadQueue } from './topology.js';

export interface DeadLetter {
  /** Position in the dead queue, 1 = oldest. */
  position: number;
  messageId: string | undefined;
  type: string | undefined;
  queue: string;
  error: string | undefined;
  attempts: number | undefined;
  deadAt: string | undefined;
  body: string;
}

export interface ReplaySelection {
  /** Replay only these message ids; omit to replay every parked message. */
  messageIds?: readonly string[];
}

/** `notification.events` or `notification.events.dead` → the dead queue's name. */
export function resolveDeadQueue(name: string): string {
  return name.endsWith('.dead') ? name : deadQueueName(name);
}

/**
 * Lists parked messages without removing them: each is fetched unacknowledged and the channel
 * is closed afterwards, which puts them all back in their places.
 */
export async function listDeadLetters(
  connection: BusConnection,
  queue: string,
  limit = 50,
): Promise<DeadLetter[]> {
  const deadQueue = resolveDeadQueue(queue);
  return withChannel(connection, false, async (channel) => {
    const { messageCount } = await channel.checkQueue(deadQueue);
    const letters: DeadLetter[] = [];
    for (let position = 1; position <= Math.min(limit, messageCount); position++) {
      const message = await channel.get(deadQueue, { noAck: false });
      if (!message) break;
      letters.push(describeDeadLetter(message, position, deadQueue));
    }
    return letters;
  });
}

/**
 * Sends parked messages back to the queue they failed in, with their attempt count reset.
 * Each is acknowledged in the dead queue only after the broker confirmed the re-publish.
 */
export async function replayDeadLetters(
  connection: BusConnection,
  queue: string,
  selection: ReplaySelection = {},
): Promise<{ replayed: DeadLetter[]; remaining: number }> {
  const deadQueue = resolveDeadQueue(queue);
  const wanted = selection.messageIds ? new Set(selection.messageIds) : undefined;
  return withChannel(connection, true, async (channel) => {
    const { messageCount } = await channel.checkQueue(deadQueue);
    const replayed: DeadLetter[] = [];
    const skipped: GetMessage[] = [];
    for (let position = 1; position <= messageCount; position++) {
      const message = await channel.get(deadQueue, { noAck: false });
      if (!message) break;
      const letter = describeDeadLetter(message, position, deadQueue);
      if (wanted && !(letter.messageId && wanted.has(letter.messageId))) {
        skipped.push(message);
        continue;
      }
      const headers = { ...message.properties.headers };
      delete headers[HEADERS.error];
      delete headers[HEADERS.deadAt];
      headers[HEADERS.attempt] = 1;
      headers[HEADERS.replayedAt] = new Date().toISOString();
      await publishConfirmed(channel, letter.queue, message.content, { ...message.properties, headers });
      channel.ack(message);
      replayed.push(letter);
    }
    for (const message of skipped) channel.nack(message, false, true);
    return { replayed, remaining: messageCount - replayed.length };
  });
}

function describeDeadLetter(message: GetMessage, position: number, deadQueue: string): DeadLetter {
  const headers = message.properties.headers;
  return {
    position,
    messageId: message.properties.messageId as string | undefined,
    type: message.properties.type as string | undefined,
    queue: headerString(headers, HEADERS.queue) ?? queueOfDeadQueue(deadQueue),
    error: headerString(headers, HEADERS.error),
    attempts: headerNumber(headers, HEADERS.attempt),
    deadAt: headerString(headers, HEADERS.deadAt),
    body: message.content.toString('utf8'),
  };
}

function publishConfirmed(
  channel: ConfirmChannel,
  queue: string,
  content: Buffer,
  properties: GetMessage['properties'],
): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.sendToQueue(queue, content, { ...properties, persistent: true }, (error) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
    );
  });
}

async function withChannel<T, Confirm extends boolean>(
  connection: BusConnection,
  confirm: Confirm,
  work: (channel: Confirm extends true ? ConfirmChannel : Channel) => Promise<T>,
): Promise<T> {
  const model = connection.current();
  if (!model) throw new Error('not connected to RabbitMQ');
  const channel = confirm ? await model.createConfirmChannel() : await model.createChannel();
  channel.on('error', () => undefined); // a missing queue closes the channel; checkQueue rejects with it
  try {
    return await work(channel as Confirm extends true ? ConfirmChannel : Channel);
  } finally {
    await channel.close().catch(() => undefined);
  }
}
