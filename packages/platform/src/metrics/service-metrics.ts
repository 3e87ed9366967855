import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ConsumedLabels, FailedLabels, HandlerLabels, PublishedLabels, RpcLabels } from './labels.js';

/**
 * Narrow views of prom-client's types: every call must give every label, and only known ones
 * (prom-client itself accepts any subset, which silently splits a series).
 */
export interface LabeledCounter<L> {
  inc(labels: L, value?: number): void;
}

export interface LabeledHistogram<L> {
  observe(labels: L, seconds: number): void;
  /** Starts a timer; call the result with the labels (an outcome is often only known at the end). */
  startTimer(): (labels: L) => number;
}

export interface LabeledGauge<L> {
  set(labels: L, value: number): void;
}

export interface PlainGauge {
  set(value: number): void;
  inc(value?: number): void;
  dec(value?: number): void;
}

export interface ServiceMetrics {
  /** The service's own registry: serve it at /metrics and register service-specific metrics on it. */
  readonly registry: Registry;
  readonly messagesConsumed: LabeledCounter<ConsumedLabels>;
  readonly messagesPublished: LabeledCounter<PublishedLabels>;
  readonly messagesFailed: LabeledCounter<FailedLabels>;
  readonly handlerDuration: LabeledHistogram<HandlerLabels>;
  readonly outboxPending: PlainGauge;
  readonly rpcDuration: LabeledHistogram<RpcLabels>;
  /** Partitions of a partitioned queue this instance consumes now. */
  readonly partitionsOwned: LabeledGauge<{ queue: string }>;
}

/** 1 ms … 10 s: a handler or call slower than 10 s is a problem whatever its exact time. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Metrics on a registry of their own rather than prom-client's global one, so several services
 * (or tests) in one process never collide on metric names.
 */
export function createMetrics({ service }: { service: string }): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  return {
    registry,
    messagesConsumed: new Counter<keyof ConsumedLabels>({
      name: 'fg_messages_consumed_total',
      help: 'Messages taken from a queue, by outcome',
      labelNames: ['queue', 'type', 'outcome'],
      registers,
    }),
    messagesPublished: new Counter<keyof PublishedLabels>({
      name: 'fg_messages_published_total',
      help: 'Messages published and confirmed by the broker',
      labelNames: ['exchange', 'type'],
      registers,
    }),
    messagesFailed: new Counter<keyof FailedLabels>({
      name: 'fg_messages_failed_total',
      help: 'Message handling failures, by reason',
      labelNames: ['queue', 'type', 'reason'],
      registers,
    }),
    handlerDuration: new Histogram<keyof HandlerLabels>({
      name: 'fg_handler_duration_seconds',
      help: 'Time spent handling one message',
      labelNames: ['queue', 'type'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    outboxPending: new Gauge({
      name: 'fg_outbox_pending',
      help: 'Outbox rows written but not yet published',
      registers,
    }),
    rpcDuration: new Histogram<keyof RpcLabels>({
      name: 'fg_rpc_duration_seconds',
      help: 'Request/reply round trips, by outcome',
      labelNames: ['target', 'type', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    partitionsOwned: new Gauge<'queue'>({
      name: 'fg_partitions_owned',
      help: 'Partitions of a partitioned queue this instance consumes',
      labelNames: ['queue'],
      registers,
    }),
  };
}
