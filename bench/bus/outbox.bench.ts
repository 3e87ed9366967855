// Outbox relay: rows committed through UnitOfWork and relayed vs the same envelopes published directly.
import type { OutboxRelay } from '@fieldgram/platform';
import { withBenchEnv, type TestEnv } from '../lib/env.js';
import type { Bench, BenchResult } from '../lib/report.js';
import { median, rate, summarize } from '../lib/stats.js';
import { formatRange } from '../lib/table.js';
import { abba, atSteadyPace, timeConcurrent } from '../lib/timing.js';
import { BENCH_EXCHANGE, BENCH_TYPE, encode, pingData, pingEnvelope } from './messages.js';
import { openOutboxRig, writeOutboxRows, type OutboxRig } from './outbox-rig.js';

const WARMUP = 1_000;
const BLOCKS = 2;
const ROUNDS_PER_SIDE = BLOCKS * 2;
/** Messages per throughput round. */
const ROUND_N = 5_000;
const ROWS_PER_TRANSACTION = 100;
/** The relay sends a batch (200 rows by default) at once; the baseline keeps as many in flight. */
const BASELINE_IN_FLIGHT = 200;
const PACE_PER_SECOND = 200;
const PACE_SECONDS = 5;
const PACED = PACE_PER_SECOND * PACE_SECONDS;
const TIMEOUT_MS = 120_000;

// Disjoint seq ranges, so every phase can be told apart at the sink.
const SEQ = { warmup: 0, baseline: 100_000, relay: 200_000, directPaced: 300_000, outboxPaced: 400_000 };
const SEQ_PER_ROUND = ROUND_N;

export const outboxBench: Bench = {
  name: 'outbox',
  run: () => withBenchEnv('outbox', runOutbox),
};

async function runOutbox(env: TestEnv): Promise<BenchResult> {
  const rig = await openOutboxRig(env);
  let relay: OutboxRelay | undefined;
  try {
    await warmUp(rig);

    let writeMs = 0;
    const throughput = await abba(
      BLOCKS,
      (round) => directThroughput(rig, SEQ.baseline + round * SEQ_PER_ROUND),
      async (round) => {
        writeMs += await writeOutboxRows(
          rig,
          SEQ.relay + round * SEQ_PER_ROUND,
          ROUND_N,
          ROWS_PER_TRANSACTION,
        );
        return relayThroughput(rig);
      },
    );

    const directLatency = await pacedLatency(rig, SEQ.directPaced, async (seq) => {
      const envelope = pingEnvelope(seq);
      const sentAt = performance.now();
      await rig.publisher.publishEnvelope(BENCH_EXCHANGE, BENCH_TYPE, envelope);
      return sentAt;
    });
    // The relay idles until a commit's NOTIFY wakes it.
    relay = await rig.startRelay();
    const outboxLatency = await pacedLatency(rig, SEQ.outboxPaced, async (seq) => {
      await rig.uow.run(({ emit }) => emit(BENCH_TYPE, pingData(seq)));
      return performance.now();
    });

    const ours = summarize(outboxLatency);
    const base = summarize(directLatency);
    return {
      name: 'outbox',
      context:
        `${ROUNDS_PER_SIDE} rounds/side of ${ROUND_N} (~${encode(pingEnvelope(0)).length} B envelopes): rows written ` +
        `${ROWS_PER_TRANSACTION}/transaction (${Math.round(rate(ROUNDS_PER_SIDE * ROUND_N, writeMs))} rows/s, untimed), ` +
        `then a relay started, rate from first to last arrival (ours ${formatRange(throughput.ours)} msg/s) vs the same ` +
        `envelopes through Publisher, ${BASELINE_IN_FLIGHT} in flight (${formatRange(throughput.baseline)} msg/s); ` +
        `latency: ${PACED} single-row commits at ${PACE_PER_SECOND}/s, commit→delivered, vs direct publishes at the ` +
        'same pace, publish call→delivered',
      figures: [
        {
          benchmark: 'outbox relay throughput',
          ours: median(throughput.ours),
          baseline: median(throughput.baseline),
          unit: 'msg/s',
        },
        {
          benchmark: `outbox latency p50 @${PACE_PER_SECOND}/s`,
          ours: ours.p50,
          baseline: base.p50,
          unit: 'ms',
        },
        {
          benchmark: `outbox latency p99 @${PACE_PER_SECOND}/s`,
          ours: ours.p99,
          baseline: base.p99,
          unit: 'ms',
        },
      ],
    };
  } finally {
    await relay?.stop();
    await rig.close();
  }
}

/**
 * A relay started on ROUND_N pending rows. Returns msg/s between the first and the last arrival,
 * so the relay's start (connect, LISTEN, leadership) is left out, as the baseline's is.
 */
async function relayThroughput(rig: OutboxRig): Promise<number> {
  rig.sink.reset();
  const arrived = rig.sink.waitForCount(ROUND_N, TIMEOUT_MS);
  const relay = await rig.startRelay();
  try {
    return arrivalRate(rig, await arrived);
  } finally {
    await relay.stop();
  }
}

function arrivalRate(rig: OutboxRig, lastAt: number): number {
  return rate(ROUND_N - 1, lastAt - rig.sink.firstArrivalAt()!);
}

/** Both paths once, untimed: JIT, connection pools, the outbox table's first pages. */
async function warmUp(rig: OutboxRig): Promise<void> {
  await writeOutboxRows(rig, SEQ.warmup, WARMUP, ROWS_PER_TRANSACTION);
  rig.sink.reset();
  const relayed = rig.sink.waitForCount(WARMUP, TIMEOUT_MS);
  const relay = await rig.startRelay();
  await relayed;
  await relay.stop();
  await timeConcurrent(WARMUP, BASELINE_IN_FLIGHT, (index) =>
    rig.publisher.publishEnvelope(BENCH_EXCHANGE, BENCH_TYPE, pingEnvelope(SEQ.warmup + index)),
  );
}

/** ROUND_N envelopes, built beforehand, published with the platform Publisher; msg/s as they arrived. */
async function directThroughput(rig: OutboxRig, firstSeq: number): Promise<number> {
  const envelopes = Array.from({ length: ROUND_N }, (_, index) => pingEnvelope(firstSeq + index));
  rig.sink.reset();
  const arrived = rig.sink.waitForCount(ROUND_N, TIMEOUT_MS);
  await timeConcurrent(ROUND_N, BASELINE_IN_FLIGHT, (index) =>
    rig.publisher.publishEnvelope(BENCH_EXCHANGE, BENCH_TYPE, envelopes[index]!),
  );
  return arrivalRate(rig, await arrived);
}

/**
 * Sends one message per call at a steady pace; `send` returns the moment the message counts as
 * sent. Returns each message's sent→arrived time in ms.
 */
async function pacedLatency(
  rig: OutboxRig,
  firstSeq: number,
  send: (seq: number) => Promise<number>,
): Promise<number[]> {
  rig.sink.reset();
  const arrived = rig.sink.waitForCount(PACED, TIMEOUT_MS);
  const sentAt: number[] = new Array<number>(PACED);
  await atSteadyPace(PACED, PACE_PER_SECOND, async (index) => {
    sentAt[index] = await send(firstSeq + index);
  });
  await arrived;
  return sentAt.map((sent, index) => rig.sink.arrivedAt(firstSeq + index)! - sent);
}
