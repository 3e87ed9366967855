import amqplib from 'amqplib';
import { z } from 'zod';
import { EXCHANGES } from '@fieldgram/contracts';
import { summarize, type LatencySummary } from '../lib/stats.js';

/** The legs of ours' update→reply, from a tap on the bus (all on this process's clock). */
export interface Legs {
  /** Update created → its `tg.in.*` event on the bus: sandbox delivery, bot-gateway's webhook, publish. */
  ingress: LatencySummary;
  /** `tg.in.*` → the first `tg.out` for it: conversation (with its questions to identity, task). */
  dialog: LatencySummary;
  /** First `tg.out` → the Bot API call at the sandbox: bot-gateway's egress. */
  egress: LatencySummary;
}

const Envelope = z.object({
  id: z.string(),
  type: z.string(),
  data: z.looseObject({ updateId: z.number().optional(), idempotencyKey: z.string().optional() }),
});

/**
 * Copies of ours' `tg.in.*` and `tg.out` messages (an exclusive queue bound to fg.tg) to split
 * each reply's latency into legs. conversation keys its replies `conv:<tg.in envelope id>:<n>`.
 * The tap is one more consumer on the broker: a small extra load on ours.
 */
export class StageTap {
  private readonly inAt = new Map<number, number>();
  private readonly updateOfEnvelope = new Map<string, number>();
  private readonly outAt = new Map<number, number>();
  private legs: { ingress: number; dialog: number; egress: number }[] = [];

  private constructor(private readonly connection: amqplib.ChannelModel) {}

  static async open(amqpUrl: string): Promise<StageTap> {
    const connection = await amqplib.connect(amqpUrl);
    // A broker restart (other work on the machine may do one) ends the tap, not the run: the
    // legs of later phases then come out empty.
    connection.on('error', () => undefined);
    const tap = new StageTap(connection);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, EXCHANGES.telegram, 'tg.in.*');
    await channel.bindQueue(queue, EXCHANGES.telegram, 'tg.out');
    await channel.consume(queue, (message) => message && tap.onMessage(message.content), { noAck: true });
    return tap;
  }

  /** An update of ours got its reply: its legs are kept if the tap saw both of its messages. */
  replied(updateId: number, sentAt: number, repliedAt: number): void {
    const inAt = this.inAt.get(updateId);
    const outAt = this.outAt.get(updateId);
    if (inAt === undefined || outAt === undefined) return;
    this.legs.push({ ingress: inAt - sentAt, dialog: outAt - inAt, egress: repliedAt - outAt });
  }

  /** The legs of the replies since the last call; forgets everything seen so far. */
  take(): Legs {
    const legs = this.legs;
    this.legs = [];
    this.inAt.clear();
    this.updateOfEnvelope.clear();
    this.outAt.clear();
    return {
      ingress: summarize(legs.map((leg) => leg.ingress)),
      dialog: summarize(legs.map((leg) => leg.dialog)),
      egress: summarize(legs.map((leg) => leg.egress)),
    };
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }

  private onMessage(content: Buffer): void {
    const now = performance.now();
    const parsed = Envelope.safeParse(JSON.parse(content.toString()));
    if (!parsed.success) return;
    const { id, type, data } = parsed.data;
    if (type.startsWith('tg.in.') && data.updateId !== undefined) {
      if (!this.inAt.has(data.updateId)) this.inAt.set(data.updateId, now);
      this.updateOfEnvelope.set(id, data.updateId);
      return;
    }
    const cause = type === 'tg.out' ? /^conv:(.+):\d+$/.exec(data.idempotencyKey ?? '')?.[1] : undefined;
    const updateId = cause === undefined ? undefined : this.updateOfEnvelope.get(cause);
    if (updateId !== undefined && !this.outAt.has(updateId)) this.outAt.set(updateId, now);
  }
}
