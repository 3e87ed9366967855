import type { Suite } from '../lib/report.js';
import { consumeBench } from './consume.bench.js';
import { outboxBench } from './outbox.bench.js';
import { publishBench } from './publish.bench.js';

/** The bus: publish with confirms, consume, outbox relay — each against a raw baseline. */
export const busSuite: Suite = {
  name: 'bus',
  benches: [publishBench, consumeBench, outboxBench],
};
