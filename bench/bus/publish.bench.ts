// Publish with confirms: platform publishMessage (validation, envelope, Publisher) vs raw amqplib.
import {
  BusConnection,
  createMetrics,
  declareExchanges,
  Publisher,
  publishMessage,
} from '@fieldgram/platform';
import { silentLogger, withBenchEnv, type TestEnv } from '../lib/env.js';
import type { Bench, BenchResult } from '../lib/report.js';
import { median, rate, summarize } from '../lib/stats.js';
import { formatRange } from '../lib/table.js';
import { abba, timeConcurrent, timeEach } from '../lib/timing.js';
import {
  BENCH_EXCHANGE,
  BENCH_TYPE,
  benchMessages,
  encode,
  pingData,
  pingEnvelope,
  rawProperties,
  SOURCE,
} from './messages.js';
import { confirmedPublish, openRawAmqp } from './raw-amqp.js';

const WARMUP = 2_000;
/** Short rounds, alternated often: the machine drifts within seconds (the broker shares the cores). */
const SEQUENTIAL_BLOCKS = 20;
/** Messages per round, one at a time. */
const SEQUENTIAL_ROUND = 50;
const PIPELINED_BLOCKS = 3;
/** Messages per round, IN_FLIGHT at a time. */
const PIPELINED_ROUND = 4_000;
const IN_FLIGHT = 100;
/** A durable queue bound to the bench type, so the persistent messages really are stored. */
const STORE_QUEUE = 'bench.publish.store';

export const publishBench: Bench = {
  name: 'publish',
  run: () => withBenchEnv('publish', runPublish),
};

async function runPublish(env: TestEnv): Promise<BenchResult> {
  const metrics = createMetrics({ service: 'bench-publish' });
  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'bench-publish',
    logger: silentLogger,
  });
  const publisher = await Publisher.open({ connection, logger: silentLogger, metrics });
  const raw = await openRawAmqp(env.amqpUrl);
  try {
    await declareExchanges(raw.channel);
    await raw.channel.assertQueue(STORE_QUEUE, { durable: true });
    await raw.channel.bindQueue(STORE_QUEUE, BENCH_EXCHANGE, BENCH_TYPE);

    // The baseline sends a real envelope of the same size with the same properties, built once.
    const sample = pingEnvelope(0);
    const body = encode(sample);
    const properties = rawProperties(sample);
    const baselineOne = (): Promise<void> =>
      confirmedPublish(raw.channel, BENCH_EXCHANGE, BENCH_TYPE, body, properties);
    const oursOne = async (index: number): Promise<void> => {
      await publishMessage(publisher, benchMessages, SOURCE, BENCH_TYPE, pingData(index));
    };
    const emptyStore = async (): Promise<void> => {
      await raw.channel.purgeQueue(STORE_QUEUE);
    };

    await timeConcurrent(WARMUP, IN_FLIGHT, baselineOne);
    await timeConcurrent(WARMUP, IN_FLIGHT, oursOne);
    await emptyStore();

    const sequentialRound = (one: (index: number) => Promise<void>) => () => timeEach(SEQUENTIAL_ROUND, one);
    const sequential = await abba(SEQUENTIAL_BLOCKS, sequentialRound(baselineOne), sequentialRound(oursOne));
    await emptyStore();

    const pipelinedRound = (one: (index: number) => Promise<void>) => async () => {
      const elapsedMs = await timeConcurrent(PIPELINED_ROUND, IN_FLIGHT, one);
      await emptyStore();
      return rate(PIPELINED_ROUND, elapsedMs);
    };
    const pipelined = await abba(PIPELINED_BLOCKS, pipelinedRound(baselineOne), pipelinedRound(oursOne));

    const latency = (rounds: { samples: number[] }[]) => summarize(rounds.flatMap((round) => round.samples));
    const seqRates = (rounds: { elapsedMs: number }[]) =>
      rounds.map((round) => rate(SEQUENTIAL_ROUND, round.elapsedMs));
    const ours = latency(sequential.ours);
    const base = latency(sequential.baseline);
    return {
      name: 'publish',
      context:
        `${body.length} B envelopes, persistent, to a durable queue; warm-up ${WARMUP}/side; ` +
        `sequential: ${SEQUENTIAL_BLOCKS * 2} rounds/side of ${SEQUENTIAL_ROUND} (1 in flight; latency over all ` +
        `${ours.count} samples); pipelined: ${PIPELINED_BLOCKS * 2} rounds/side of ${PIPELINED_ROUND} (${IN_FLIGHT} in flight; ours ` +
        `${formatRange(pipelined.ours)}, baseline ${formatRange(pipelined.baseline)} msg/s); msg/s = median of rounds; ` +
        'rounds baseline-ours-ours-baseline',
      figures: [
        {
          benchmark: 'publish sequential',
          ours: median(seqRates(sequential.ours)),
          baseline: median(seqRates(sequential.baseline)),
          unit: 'msg/s',
        },
        { benchmark: 'publish sequential p50', ours: ours.p50, baseline: base.p50, unit: 'ms' },
        { benchmark: 'publish sequential p95', ours: ours.p95, baseline: base.p95, unit: 'ms' },
        { benchmark: 'publish sequential p99', ours: ours.p99, baseline: base.p99, unit: 'ms' },
        {
          benchmark: `publish pipelined (${IN_FLIGHT} in flight)`,
          ours: median(pipelined.ours),
          baseline: median(pipelined.baseline),
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
