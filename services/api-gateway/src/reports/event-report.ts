import { CURRENCY_MINOR_DIGITS, type JournalEntry } from '@fieldgram/contracts';
import type { TableCell, TDocumentDefinitions } from '@fieldgram/pdf';
import type { CsvColumn } from '../csv/csv.js';

/** One line of the detailed report (S0-12): a journal entry, told for people. */
export interface EventReportRow {
  id: string;
  /** ISO date-time. */
  at: string;
  type: string;
  subject: string | null;
  /** Who did it: a name (role), `system`, or an id nobody could name. */
  actor: string;
  /** What happened, in one line: task title and number, answers with reasons, invoice totals… */
  summary: string;
}

type Data = Record<string, unknown>;
type Names = ReadonlyMap<string, string>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim().length > 0
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : null;

/** The ids of people a journal entry points at (actor, assignee, recipient…), to be named. */
export function peopleOf(entry: JournalEntry): string[] {
  const data = asData(entry.data);
  const ids = ['assigneeId', 'previousAssigneeId', 'technicianId', 'recipientId', 'byUserId']
    .map((field) => data[field])
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
  return entry.actor.kind === 'user' ? [entry.actor.userId, ...ids] : ids;
}

/** Money in minor units, as `1234.50 RUB`. */
export function formatMoney(minor: unknown, currency: unknown): string | null {
  if (typeof minor !== 'number' || typeof currency !== 'string') return null;
  const digits = (CURRENCY_MINOR_DIGITS as Record<string, number>)[currency] ?? 2;
  const sign = minor < 0 ? '-' : '';
  const absolute = Math.abs(minor);
  const whole = Math.floor(absolute / 10 ** digits);
  const fraction = digits > 0 ? `.${String(absolute % 10 ** digits).padStart(digits, '0')}` : '';
  return `${sign}${whole}${fraction} ${currency}`;
}

function personOf(names: Names, id: unknown): string | null {
  return typeof id === 'string' && id.length > 0 ? (names.get(id) ?? id) : null;
}

function describeTask(type: string, data: Data, names: Names): string {
  const title = text(data.title);
  const head = `Task #${text(data.number) ?? '?'}${title ? ` «${title}»` : ''}`;
  const assignee = personOf(names, data.assigneeId);
  const reason = text(data.reason);
  switch (type) {
    case 'task.created':
      return `${head} created${text(data.area) ? ` (area: ${text(data.area)})` : ''}`;
    case 'task.updated':
      return `${head} updated${Array.isArray(data.changed) ? `: ${data.changed.join(', ')}` : ''}`;
    case 'task.assigned':
      return `${head} assigned to ${assignee ?? 'nobody'}`;
    case 'task.sent':
      return `${head} sent to ${assignee ?? '?'}${text(data.sendCount) ? ` (send #${text(data.sendCount)})` : ''}`;
    case 'task.accepted':
      return `${head} accepted by ${assignee ?? '?'}`;
    case 'task.rejected':
      return `${head} rejected by ${assignee ?? '?'}: ${reason ?? 'no reason given'}`;
    case 'task.client-info-released':
      return `${head}: client info sent to ${assignee ?? '?'}`;
    case 'task.completed':
      return `${head} completed`;
    case 'task.status-changed':
      return `${head} status ${text(data.from) ?? '?'} → ${text(data.to) ?? '?'}${
        text(data.action) ? ` (${text(data.action)})` : ''
      }${reason ? `: ${reason}` : ''}`;
    case 'task.deleted':
      return `${head} deleted`;
    case 'task.offer-reminded':
      return `${head}: ${assignee ?? '?'} reminded of the offer`;
    case 'task.offer-unanswered':
      return `${head}: no answer from ${assignee ?? '?'}`;
    default:
      return `${head}: ${type.slice('task.'.length)}`;
  }
}

function describeInvoice(type: string, data: Data, names: Names): string {
  const total = formatMoney(data.total, data.currency);
  const head = `Invoice ${text(data.number) ?? '?'}${total ? ` (total ${total})` : ''}`;
  switch (type) {
    case 'invoice.created':
      return `${head} created`;
    case 'invoice.sent':
      return `${head} sent to ${personOf(names, data.recipientId) ?? '?'}`;
    case 'invoice.status-changed':
      return `${head} status ${text(data.from) ?? '?'} → ${text(data.to) ?? '?'}`;
    case 'invoice.deleted':
      return `${head} deleted`;
    case 'invoice.overdue-detected':
      return `${head} overdue (due ${text(data.dueDate) ?? '?'})`;
    default:
      return `${head}: ${type.slice('invoice.'.length)}`;
  }
}

/** Any other event: its scalar fields, `name=value`, in one line. */
function describeFields(data: Data): string {
  return Object.entries(data)
    .map(([field, value]) => [field, text(value)] as const)
    .filter(([field, value]) => value !== null && !/^(id|.*Id)$/.test(field))
    .map(([field, value]) => `${field}=${value}`)
    .join(', ');
}

const MAX_SUMMARY = 500;

/** What a journal entry says, in one readable line. */
export function summarize(entry: JournalEntry, names: Names = new Map()): string {
  const data = asData(entry.data);
  const line = entry.type.startsWith('task.')
    ? describeTask(entry.type, data, names)
    : entry.type.startsWith('invoice.')
      ? describeInvoice(entry.type, data, names)
      : describeFields(data);
  const oneLine = line.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SUMMARY ? `${oneLine.slice(0, MAX_SUMMARY - 1)}…` : oneLine;
}

export function reportRow(entry: JournalEntry, names: Names = new Map()): EventReportRow {
  const actor =
    entry.actor.kind === 'system'
      ? 'system'
      : `${names.get(entry.actor.userId) ?? entry.actor.userId} (${entry.actor.role})`;
  return {
    id: entry.id,
    at: entry.occurredAt,
    type: entry.type,
    subject: entry.subject,
    actor,
    summary: summarize(entry, names),
  };
}

function asData(data: unknown): Data {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Data) : {};
}

/** `2026-03-02T10:00:05.123Z` → `2026-03-02 10:00:05` (UTC). */
const readableTime = (iso: string) => new Date(iso).toISOString().slice(0, 19).replace('T', ' ');

export const EVENT_REPORT_COLUMNS: readonly CsvColumn<EventReportRow>[] = [
  { header: 'Time (UTC)', value: (row) => row.at },
  { header: 'Event', value: (row) => row.type },
  { header: 'Subject', value: (row) => row.subject },
  { header: 'Actor', value: (row) => row.actor },
  { header: 'Summary', value: (row) => row.summary },
  { header: 'Journal id', value: (row) => row.id },
];

export interface EventReportHeading {
  /** The period as people read it, e.g. `2026-03-01 — 2026-03-31`. */
  period: string;
  /** Filters besides the period, e.g. `type: task.*`. */
  filters: string[];
  /** How many entries matched, when more than the report holds. */
  truncatedFrom?: number;
  generatedAt: string;
}

/** The report as a readable PDF: landscape A4, small print, the header row on every page. */
export function eventReportPdf(
  rows: readonly EventReportRow[],
  heading: EventReportHeading,
): TDocumentDefinitions {
  const header: TableCell[] = ['Time (UTC)', 'Event', 'Subject', 'Actor', 'Summary'].map((title) => ({
    text: title,
    bold: true,
    fillColor: '#e8e8e8',
  }));
  const body: TableCell[][] = [
    header,
    ...rows.map((row): TableCell[] => [
      readableTime(row.at),
      row.type,
      row.subject ?? '',
      row.actor,
      // pdfmake's Roboto has no arrows.
      row.summary.replaceAll('→', '->'),
    ]),
  ];
  const notes = [
    `Period: ${heading.period}`,
    ...heading.filters,
    `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}` +
      (heading.truncatedFrom !== undefined ? ` (the newest of ${heading.truncatedFrom})` : ''),
    `Generated ${readableTime(heading.generatedAt)} UTC`,
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 32],
    info: { title: `Event report ${heading.period}` },
    defaultStyle: { fontSize: 7.5, lineHeight: 1.1 },
    footer: (currentPage, pageCount) => ({
      text: `${currentPage} / ${pageCount}`,
      alignment: 'right',
      fontSize: 7,
      margin: [0, 8, 28, 0],
    }),
    content: [
      { text: 'Event report', fontSize: 14, bold: true, margin: [0, 0, 0, 4] },
      { text: notes.join(' · '), fontSize: 8, color: '#444444', margin: [0, 0, 0, 8] },
      rows.length === 0
        ? { text: 'Nothing happened in this period.', italics: true }
        : {
            table: { headerRows: 1, dontBreakRows: true, widths: [76, 92, 112, 100, '*'], body },
            layout: 'lightHorizontalLines',
          },
    ],
  };
}
