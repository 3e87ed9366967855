import type { Suite } from '../lib/report.js';
import { egressBench } from './egress.bench.js';
import { ingressBench } from './ingress.bench.js';

/** Telegram traffic through bot-gateway against the sandbox: webhook ingress, paced egress. */
export const telegramSuite: Suite = {
  name: 'telegram',
  benches: [ingressBench, egressBench],
};
