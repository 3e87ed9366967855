// Consume: the platform Consumer (decode + validate, handler, ack, metrics) vs raw amqplib consume + ack.
import type { ChannelModel } from 'amqplib';
import {
  BusConnection,
  Consumer,
  createMetrics,
  declareConsumerQueue,
  declareExchanges,
  DEFAULT_RETRY_DELAYS_MS,
  Publisher,
  type ServiceMetrics,
} from '@fieldgram/platform';
import { silentLogger, withBenchEnv, type TestEnv } from '../lib/env.js';
import type { Bench, BenchResult } from '../lib/report.js';
import { median, rate } from '../lib/stats.js';
import { formatRange } from '../lib/table.js';
import { abba, sleep, withTimeout } from '../lib/timing.js';
import {
  BENCH_EXCHANGE,
  BENCH_TYPE,
  benchMessages,
  encode,
  pingEnvelope,
  rawProperties,
} from './messages.js';
import { openRawAmqp, preload, type RawAmqp } from './raw-amqp.js';

const BLOCKS = 4;
const ROUNDS_PER_SIDE = BLOCKS * 2;
/** Timed messages per round. */
const ROUND_N = 5_000;
/** Consumed first in every round and not timed: warms the code and fills the prefetch window. */
const WARMUP = 1_000;
const PER_ROUND = WARMUP + ROUND_N;
const PREFETCH = 50;
/** After filling a queue: lets the broker finish writing it before the clock starts. */
const SETTLE_MS = 300;
const ROUND_TIMEOUT_MS = 60_000;

/** Counts handled messages; resolves with the ms from the end of the warm-up to the round's last one. */
class RoundClock {
  private handled = 0;
  private startedAt = 0;
  private finish!: (elapsedMs: number) => void;
  readonly done = new Promise<number>((resolve) => (this.finish = resolve));

  tick(): void {
    this.handled++;
    if (this.handled === WARMUP) this.startedAt = performance.now();
    if (this.handled === PER_ROUND) this.finish(performance.now() - this.startedAt);
  }
}

export const consumeBench: Bench = {
  name: 'consume',
  run: () => withBenchEnv('consume', runConsume),
};

async function runConsume(env: TestEnv): Promise<BenchResult> {
  const metrics = createMetrics({ service: 'bench-consume' });
  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'bench-consume',
    logger: silentLogger,
  });
  const publisher = await Publisher.open({ connection, logger: silentLogger, metrics });
  const raw = await openRawAmqp(env.amqpUrl);
  try {
    await declareExchanges(raw.channel);
    const bodyBytes = encode(pingEnvelope(0)).length;
    // Each round gets a fresh queue, filled just before it; ours are declared as the Consumer does.
    const ms = await abba(
      BLOCKS,
      async (round) => {
        const queue = `bench.consume.raw-${round}`;
        await raw.channel.assertQueue(queue, { durable: true });
        await fill(raw, queue);
        return consumeRaw(raw.model, queue);
      },
      async (round) => {
        const queue = `bench.consume.ours-${round}`;
        await declareConsumerQueue(raw.channel, {
          queue,
          bindings: [{ exchange: BENCH_EXCHANGE, routingKey: BENCH_TYPE }],
          retryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
        });
        await fill(raw, queue);
        return consumeOurs(connection, publisher, metrics, queue);
      },
    );
    const rates = {
      ours: ms.ours.map((elapsed) => rate(ROUND_N, elapsed)),
      baseline: ms.baseline.map((elapsed) => rate(ROUND_N, elapsed)),
    };
    return {
      name: 'consume',
      context:
        `${ROUNDS_PER_SIDE} rounds/side of ${ROUND_N} pre-loaded ${bodyBytes} B persistent envelopes (after ${WARMUP} untimed), ` +
        `prefetch ${PREFETCH}, no-op handler; median of rounds (ours ${formatRange(rates.ours)}, baseline ${formatRange(rates.baseline)} msg/s); ` +
        'rounds baseline-ours-ours-baseline',
      figures: [
        {
          benchmark: `consume (prefetch ${PREFETCH})`,
          ours: median(rates.ours),
          baseline: median(rates.baseline),
          unit: 'msg/s',
        },
      ],
    };
  } finally {
    await raw.close();
    await publisher.close();
    await connection.close();
  }
}

async function fill(raw: RawAmqp, queue: string): Promise<void> {
  await preload(raw.channel, queue, PER_ROUND, (index) => {
    const envelope = pingEnvelope(index);
    return { content: encode(envelope), properties: rawProperties(envelope) };
  });
  await sleep(SETTLE_MS);
}

async function consumeOurs(
  connection: BusConnection,
  publisher: Publisher,
  metrics: ServiceMetrics,
  queue: string,
): Promise<number> {
  const clock = new RoundClock();
  const consumer = await Consumer.start({
    connection,
    publisher,
    registry: benchMessages,
    logger: silentLogger,
    metrics,
    queue,
    prefetch: PREFETCH,
    handlers: {
      'bench.ping': () => {
        clock.tick();
        return Promise.resolve();
      },
    },
  });
  try {
    return await withTimeout(clock.done, ROUND_TIMEOUT_MS, `consume ${queue}`);
  } finally {
    await consumer.stop();
  }
}

async function consumeRaw(model: ChannelModel, queue: string): Promise<number> {
  const clock = new RoundClock();
  const channel = await model.createChannel();
  try {
    await channel.prefetch(PREFETCH);
    await channel.consume(queue, (message) => {
      if (!message) return;
      channel.ack(message);
      clock.tick();
    });
    return await withTimeout(clock.done, ROUND_TIMEOUT_MS, `consume ${queue}`);
  } finally {
    await channel.close();
  }
}
