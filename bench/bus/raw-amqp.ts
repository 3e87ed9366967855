import amqplib, { type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';
import { timeConcurrent } from '../lib/timing.js';

/** A plain amqplib connection with one confirm channel: what the baselines use. */
export interface RawAmqp {
  model: ChannelModel;
  channel: ConfirmChannel;
  close(): Promise<void>;
}

export async function openRawAmqp(url: string): Promise<RawAmqp> {
  const model = await amqplib.connect(url);
  const channel = await model.createConfirmChannel();
  return { model, channel, close: () => model.close().catch(() => undefined) };
}

/** One publish resolved by its confirm (the callback form of ConfirmChannel.publish). */
export function confirmedPublish(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  properties: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, content, properties, (error: unknown) => {
      if (error) reject(error instanceof Error ? error : new Error('publish nacked by the broker'));
      else resolve();
    });
  });
}

/** Fills `queue` (through the default exchange) with `count` messages, confirmed, 200 in flight. */
export async function preload(
  channel: ConfirmChannel,
  queue: string,
  count: number,
  message: (index: number) => { content: Buffer; properties: Options.Publish },
): Promise<void> {
  await timeConcurrent(count, 200, (index) => {
    const { content, properties } = message(index);
    return confirmedPublish(channel, '', queue, content, properties);
  });
}
