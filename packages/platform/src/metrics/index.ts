export {
  DURATION_BUCKETS,
  createMetrics,
  type LabeledCounter,
  type LabeledGauge,
  type LabeledHistogram,
  type PlainGauge,
  type ServiceMetrics,
} from './service-metrics.js';
export type {
  ConsumeOutcome,
  ConsumedLabels,
  FailedLabels,
  HandlerLabels,
  PublishedLabels,
  RpcLabels,
  RpcOutcome,
} from './labels.js';
