import amqplib, { type ChannelModel } from 'amqplib';
import type { Envelope } from '@fieldgram/contracts';
import type { TestEnv } from '../isolation.js';
import { waitFor } from '../wait-for.js';

type Data = Record<string, unknown>;
export type TappedEnvelope = Envelope<string, Data>;

/** Messages published on an exchange, as notification or audit would see them (events by default). */
export class EventTap {
  readonly envelopes: TappedEnvelope[] = [];

  private constructor(private readonly connection: ChannelModel) {}

  /** Taps `patterns` (`task.#`) on `exchange` from now on; open it before the service starts. */
  static async open(env: TestEnv, patterns: readonly string[], exchange = 'fg.events'): Promise<EventTap> {
    const connection = await amqplib.connect(env.amqpUrl);
    const tap = new EventTap(connection);
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    for (const pattern of patterns) await channel.bindQueue(queue, exchange, pattern);
    await channel.consume(
      queue,
      (message) => {
        if (message) tap.envelopes.push(JSON.parse(message.content.toString()) as TappedEnvelope);
      },
      { noAck: true },
    );
    return tap;
  }

  ofType(type: string, predicate: (data: Data) => boolean = () => true): TappedEnvelope[] {
    return this.envelopes.filter((envelope) => envelope.type === type && predicate(envelope.data));
  }

  /** The types of the messages about one entity (its partition, `<kind>:<id>`), in order of arrival. */
  typesFor(entityId: string): string[] {
    return this.envelopes
      .filter((envelope) => envelope.partitionKey?.endsWith(`:${entityId}`))
      .map((envelope) => envelope.type);
  }

  next(type: string, predicate: (data: Data) => boolean = () => true, timeoutMs = 10_000) {
    return waitFor(() => this.ofType(type, predicate)[0], { message: `a ${type} message`, timeoutMs });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
