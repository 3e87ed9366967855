// The logistics chaos run as text: what was injected, what the people did, what was counted.
import type { FaultRecord } from './chaos-faults.js';
import { formatTable, seconds } from './chaos-report.js';
import type { Quiet } from './chaos-effects.js';
import type { LogisticsLedger } from './logistics-chaos-load.js';
import type { Counted, Judged } from './logistics-chaos-verdict.js';

export interface LogisticsReport {
  runId: string;
  loadMs: number;
  settledMs: number;
  faults: readonly FaultRecord[];
  ledger: LogisticsLedger;
  clients: number;
  managers: number;
  /** Confirms tapped while the service that answers them was down, per service. */
  confirmedDuringOutage: { waybill: number; claims: number };
  toldTryLater: number;
  counted: Counted;
  numbering: string[];
  queues: Quiet;
  parked: readonly string[];
  crashes: readonly string[];
}

const LISTED = 30;

export function renderLogisticsReport(report: LogisticsReport): string {
  const { ledger, counted, queues } = report;
  const row = (effect: string, judged: Judged) => [
    effect,
    judged.tally.expected,
    judged.tally.found,
    judged.tally.lost,
    judged.tally.doubled,
  ];
  const pushes = counted.claimPushes.counts;
  const listed = (title: string, lines: readonly string[]) =>
    lines.length === 0
      ? []
      : [
          '',
          `${title}:`,
          ...lines.slice(0, LISTED),
          ...(lines.length > LISTED ? [`… ${lines.length - LISTED} more`] : []),
        ];
  const problems = [
    ...report.numbering,
    ...counted.waybills.problems,
    ...counted.pdfs.problems,
    ...counted.waybillPushes.problems,
    ...counted.claims.problems,
    ...counted.files.problems,
    ...pushes.problems,
    ...counted.claimPushes.order,
  ];
  return [
    `logistics chaos run ${report.runId}: ${report.clients} clients, ${report.managers} managers; load ` +
      `${seconds(report.loadMs)}, settled at ${seconds(report.settledMs)}; queues drained: ${queues.quiet ? 'yes' : 'NO'}`,
    '',
    'INJECTED',
    formatTable(
      ['fault', 'at', 'lasted', 'what happened'],
      report.faults.map((fault) => [
        fault.fault,
        seconds(fault.atMs),
        seconds(fault.durationMs),
        fault.detail,
      ]),
    ),
    '',
    'PERFORMED',
    formatTable(
      ['action', 'count'],
      [
        ['waybills confirmed to their client', ledger.waybills.length],
        ['… Confirm tapped while waybill was down', report.confirmedDuringOutage.waybill],
        ['claims filed (confirmed to their client)', ledger.claims.length],
        ['… with an album of 2–3 photos', ledger.claims.filter((claim) => claim.photos > 0).length],
        ['… Confirm tapped while claims was down', report.confirmedDuringOutage.claims],
        ['"try again later" answers', report.toldTryLater],
        ['flows broken off', ledger.failures.length],
      ],
    ),
    '',
    'COUNTED',
    formatTable(
      ['effect', 'expected', 'found', 'lost', 'doubled'],
      [
        row('waybills recorded (S1-02)', counted.waybills),
        row("PDFs in the clients' chats (S1-02)", counted.pdfs),
        row('waybill pushes to managers (S1-02)', counted.waybillPushes),
        row('claims recorded (S1-03)', counted.claims),
        row('claim files copied (S1-03, S1-06)', counted.files),
        [
          'claim texts to managers (S1-03)',
          pushes.texts.expected,
          pushes.texts.found,
          pushes.texts.lost,
          pushes.texts.doubled,
        ],
        [
          'claim albums to managers (S1-03)',
          pushes.albums.expected,
          pushes.albums.found,
          pushes.albums.lost,
          pushes.albums.doubled,
        ],
      ],
    ),
    `claim pushes out of filing order: ${counted.claimPushes.order.length}; out of number order ` +
      `(claims filed at the same time): ${counted.claimPushes.outOfNumberOrder}; sendDocument messages in clients' chats: ` +
      `${counted.pdfs.documents}; parked messages ${queues.parked.reduce((sum, q) => sum + q.messages, 0)}; ` +
      `stuck in queues ${queues.busy.reduce((sum, q) => sum + q.messages, 0)}; unpublished outbox rows ` +
      `${queues.unpublished}; services crashed on their own ${report.crashes.length}`,
    ...listed('MISMATCHES', problems),
    ...listed('FLOWS BROKEN OFF', ledger.failures),
    ...listed('PARKED', report.parked),
    ...listed(
      'STUCK',
      queues.busy.map((q) => `${q.queue} (${q.messages}, ${q.unacknowledged} unacked)`),
    ),
    ...listed('CRASHED', report.crashes),
  ].join('\n');
}

/** Nothing to look into: every count and check above came out right. */
export function reportPasses(report: LogisticsReport): boolean {
  const { counted, queues } = report;
  return (
    report.ledger.failures.length === 0 &&
    report.crashes.length === 0 &&
    report.numbering.length === 0 &&
    queues.quiet &&
    queues.parked.length === 0 &&
    [counted.waybills, counted.pdfs, counted.waybillPushes, counted.claims, counted.files].every(
      (judged) => judged.problems.length === 0,
    ) &&
    counted.claimPushes.counts.problems.length === 0 &&
    counted.claimPushes.order.length === 0
  );
}
