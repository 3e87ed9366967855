import type { SandboxStats } from '@fieldgram/telegram-sandbox';
import type { QueueState } from './chaos-effects.js';
import type { FaultRecord } from './chaos-faults.js';
import type { ChaosLedger, TaskStep } from './chaos-ledger.js';
import type { Verdict } from './chaos-verdict.js';

/** A plain-text table: one header row, columns padded, numbers right-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[], original: readonly (string | number)[]) =>
    row
      .map((cell, column) =>
        typeof original[column] === 'number' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(cells[0]!, headers), rule, ...rows.map((row, index) => line(cells[index + 1]!, row))].join(
    '\n',
  );
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export interface ChaosReport {
  runId: string;
  chaosMs: number;
  settledMs: number;
  faults: readonly FaultRecord[];
  redelivered: readonly string[];
  botApi: SandboxStats;
  ledger: ChaosLedger;
  restFailures: number;
  verdict: Verdict;
  queues: QueueState & { unpublished: number; quiet: boolean };
  parked: readonly string[];
  crashes: readonly string[];
}

const LISTED = 40;

/** What was injected, what was performed, what was counted, and every mismatch, as text. */
export function renderReport(report: ChaosReport): string {
  const { ledger, verdict, queues } = report;
  const performed = (step: TaskStep) => ledger.tasks.filter((task) => task.performed.includes(step)).length;
  const total = (key: 'lost' | 'doubled') => verdict.rows.reduce((sum, row) => sum + row[key], 0);
  const busy = queues.busy.map(
    (queue) =>
      `${queue.queue} (${queue.messages}, ${queue.unacknowledged} unacked, ${queue.consumers} consumers)`,
  );
  const listed = (title: string, lines: readonly string[]) =>
    lines.length === 0
      ? []
      : [
          '',
          `${title}:`,
          ...lines.slice(0, LISTED),
          ...(lines.length > LISTED ? [`… ${lines.length - LISTED} more`] : []),
        ];
  return [
    `chaos run ${report.runId}: ${report.faults.length} faults over ${seconds(report.chaosMs)}; ` +
      `load settled at ${seconds(report.settledMs)}; queues drained: ${queues.quiet ? 'yes' : 'NO'}`,
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
    `delivered three times (two redeliveries each): ${report.redelivered.join('; ') || 'nothing'}`,
    `Bot API in all: ${report.botApi.serverErrors} calls answered 5xx, ${report.botApi.tooManyRequests} answered 429`,
    '',
    'PERFORMED',
    formatTable(
      ['action', 'count'],
      [
        ['joins (/start by a new user)', ledger.joins.length],
        ['tasks created (admin, REST)', performed('create')],
        ['tasks sent (admin, REST)', performed('send')],
        ['offers accepted (technician, button)', performed('accept')],
        ['offers rejected (technician, button + reason)', performed('reject')],
        ['client info released (admin, REST)', performed('release-client-info')],
        ['tasks completed (technician, button)', performed('complete')],
        ['REST attempts without an answer (retried)', report.restFailures],
        ['writes with unknown outcome, settled by a read', ledger.retries.length],
      ],
    ),
    '',
    'COUNTED',
    formatTable(
      ['effect', 'expected', 'found', 'lost', 'doubled'],
      verdict.rows.map((row) => [row.effect, row.expected, row.found, row.lost, row.doubled]),
    ),
    `total: lost ${total('lost')}, doubled ${total('doubled')}; parked messages ` +
      `${queues.parked.reduce((sum, queue) => sum + queue.messages, 0)}; stuck in queues ` +
      `${queues.busy.reduce((sum, queue) => sum + queue.messages, 0)}${busy.length > 0 ? ` (${busy.join(', ')})` : ''}; ` +
      `unpublished outbox rows ${queues.unpublished}; services crashed on their own ${report.crashes.length}`,
    ...listed('REST writes with unknown outcome', ledger.retries),
    ...listed('MISMATCHES', verdict.problems),
    ...listed(
      'FLOWS STUCK',
      ledger.tasks.flatMap((task) => (task.stuck ? [task.stuck] : [])),
    ),
    ...listed('PARKED', report.parked),
    ...listed('CRASHED', report.crashes),
  ].join('\n');
}
