import { z } from 'zod';
import { createEnvelope, event, EXCHANGES, type Envelope } from '@fieldgram/contracts';
import type { Options } from 'amqplib';
import { envelopeProperties } from '@fieldgram/platform';

/** The one message type the bus benches send: a sequence number and some padding. */
export const benchMessages = {
  'bench.ping': event(z.object({ seq: z.number().int().nonnegative(), pad: z.string() })),
} as const;
export type BenchMessages = typeof benchMessages;
export const BENCH_TYPE = 'bench.ping';
export const BENCH_EXCHANGE = EXCHANGES.events;
export const SOURCE = 'bench';

/** Sized so that a whole envelope is about half a kilobyte, a typical domain event. */
const PAD = 'x'.repeat(256);

export function pingData(seq: number): { seq: number; pad: string } {
  return { seq, pad: PAD };
}

export function pingEnvelope(seq: number): Envelope<'bench.ping', { seq: number; pad: string }> {
  return createEnvelope({ type: BENCH_TYPE, data: pingData(seq), source: SOURCE });
}

export function encode(envelope: Envelope): Buffer {
  return Buffer.from(JSON.stringify(envelope));
}

/** The properties the platform's Publisher sets on an envelope, reused for raw (baseline) publishes. */
export const rawProperties = (envelope: Envelope): Options.Publish => envelopeProperties(envelope);

/** The `seq` of a bench message body (JSON envelope). */
export function seqOf(content: Buffer): number {
  return (JSON.parse(content.toString('utf8')) as { data: { seq: number } }).data.seq;
}
