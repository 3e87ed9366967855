import { z } from 'zod';
import { messages, type JournalEntry } from '@fieldgram/contracts';
import { renderPdf } from '@fieldgram/pdf';
import { writeCsv, type CsvColumn } from '../../csv/csv.js';
import { EVENT_REPORT_COLUMNS, eventReportPdf, peopleOf, reportRow } from '../../reports/event-report.js';
import { defineRoute, table, type RouteContext } from '../route.js';
import { ADMIN_ONLY } from './common.js';
import { TaskStatusView } from './tasks.js';

const ReportRow = messages['task.report'].result.shape.rows.element;
/** A row of the task report, with the names of the people its ids point at (for people reading it). */
const TaskReportRowView = ReportRow.extend({
  assigneeName: z.string().nullable(),
  byUserName: z.string().nullable(),
}).meta({ id: 'TaskReportRow' });
type TaskReportRow = z.output<typeof TaskReportRowView>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day (`2026-01-31`, whole days in UTC) or an ISO date-time with an offset. */
const dayOrDateTime = z
  .string()
  .refine(
    (value) =>
      DATE.test(value)
        ? z.iso.date().safeParse(value).success
        : z.iso.datetime({ offset: true }).safeParse(value).success,
    {
      error: 'expected a day (2026-01-31) or an ISO date-time with an offset (2026-01-31T09:00:00Z)',
    },
  )
  .meta({ description: 'A day (2026-01-31, UTC) or an ISO date-time; a day as `to` includes the whole day' });

const startOf = (value: string) => (DATE.test(value) ? `${value}T00:00:00.000Z` : value);
/** The report's `to` is exclusive: a day ends where the next one starts. */
const endOf = (value: string) =>
  DATE.test(value) ? new Date(Date.parse(value) + 86_400_000).toISOString() : value;

/** The report's columns in the CSV file, in order. */
const COLUMNS: readonly CsvColumn<TaskReportRow>[] = [
  { header: 'Task', value: (row) => row.number },
  { header: 'Title', value: (row) => row.title },
  { header: 'Area', value: (row) => row.area },
  { header: 'Current status', value: (row) => row.status },
  { header: 'Technician', value: (row) => row.assigneeName ?? row.assigneeId },
  { header: 'Created', value: (row) => row.createdAt },
  { header: 'At', value: (row) => row.at },
  { header: 'Action', value: (row) => row.action },
  { header: 'From', value: (row) => row.from },
  { header: 'To', value: (row) => row.to },
  { header: 'By', value: (row) => row.byUserName ?? row.byUserId ?? 'system' },
  { header: 'Reason', value: (row) => row.reason },
  { header: 'Task id', value: (row) => row.taskId },
];

/** The detailed report holds at most this many journal entries (the newest ones). */
export const EVENT_REPORT_MAX_ROWS = 10_000;
const JOURNAL_PAGE_SIZE = 200;
const PARALLEL_PAGES = 4;

/** Every journal entry matching the filter (up to the cap), oldest first, and how many match in all. */
async function journalEntries(
  context: RouteContext<unknown, unknown, unknown>,
  filter: { from?: string; to?: string; type?: string; subject?: string },
): Promise<{ entries: JournalEntry[]; total: number }> {
  const pageOf = (page: number) =>
    context.call('audit.query', { ...filter, page, pageSize: JOURNAL_PAGE_SIZE });
  const first = await pageOf(1);
  const pages = Math.ceil(Math.min(first.total, EVENT_REPORT_MAX_ROWS) / JOURNAL_PAGE_SIZE);
  const entries = [...first.items];
  for (let next = 2; next <= pages; next += PARALLEL_PAGES) {
    const batch = Array.from({ length: Math.min(PARALLEL_PAGES, pages - next + 1) }, (_, i) => next + i);
    for (const page of await Promise.all(batch.map(pageOf))) entries.push(...page.items);
  }
  // Newest first from the journal; an entry written while paging may shift one into the next page.
  const seen = new Set<string>();
  const unique = entries.filter((entry) => !seen.has(entry.id) && seen.add(entry.id));
  return { entries: unique.slice(0, EVENT_REPORT_MAX_ROWS).reverse(), total: first.total };
}

/** Names of the people behind the ids (identity); someone it cannot find keeps just the id. */
async function namesOf(
  context: RouteContext<unknown, unknown, unknown>,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(ids)].map(async (userId) => {
      const user = await context.call('identity.get-user', { userId }).catch(() => null);
      if (user) names.set(userId, user.name);
    }),
  );
  return names;
}

/** The day part of a bound for the file name: `tasks-2026-01-01-2026-01-31.csv`. */
const fileDay = (value: string | undefined, fallback: string) => (value ? value.slice(0, 10) : fallback);

const EventReportRowView = z
  .object({
    id: z.string(),
    at: z.string(),
    type: z.string(),
    subject: z.string().nullable(),
    actor: z.string(),
    summary: z.string(),
  })
  .meta({ id: 'EventReportRow' });

export const reportRoutes = [
  defineRoute({
    id: 'reportTasks',
    method: 'get',
    path: '/reports/tasks',
    tag: 'reports',
    summary: 'The task report (S0-12): one row per status change in the period, as JSON or CSV',
    description:
      '`format=csv` downloads a spreadsheet-ready file: RFC 4180, a header row, UTF-8 with a byte order ' +
      'mark (Excel shows Cyrillic right), named `tasks-<from>-<to>.csv`.',
    access: { roles: ADMIN_ONLY },
    query: z
      .object({
        from: dayOrDateTime.optional(),
        to: dayOrDateTime.optional(),
        technicianId: z.uuid().optional().meta({ description: 'The assignee' }),
        status: TaskStatusView.optional().meta({ description: "The task's current status" }),
        format: z.enum(['json', 'csv']).default('json'),
      })
      .refine(
        (query) => !query.from || !query.to || Date.parse(startOf(query.from)) < Date.parse(endOf(query.to)),
        {
          error: '`from` must be before `to`',
          path: ['from'],
        },
      ),
    response: table(
      z.object({ rows: z.array(TaskReportRowView) }).meta({ id: 'TaskReport' }),
      'The report rows (JSON), or the CSV file with `format=csv`',
    ),
    rpcTimeoutMs: 30_000,
    async handler(context) {
      const { from, to, technicianId, status, format } = context.query;
      const { rows } = await context.call('task.report', {
        ...(from ? { from: startOf(from) } : {}),
        ...(to ? { to: endOf(to) } : {}),
        ...(technicianId ? { assigneeId: technicianId } : {}),
        ...(status ? { status } : {}),
      });
      const names = await namesOf(
        context,
        rows.flatMap((row) => [row.assigneeId, row.byUserId]).filter((id): id is string => id !== null),
      );
      const named = rows.map((row) => ({
        ...row,
        assigneeName: row.assigneeId ? (names.get(row.assigneeId) ?? null) : null,
        byUserName: row.byUserId ? (names.get(row.byUserId) ?? null) : null,
      }));
      if (format === 'json') return { json: { rows: named } };
      const today = new Date().toISOString().slice(0, 10);
      return {
        filename: `tasks-${fileDay(from, 'start')}-${fileDay(to, today)}.csv`,
        // Titles and reasons are typed by people: nothing in them runs as a spreadsheet formula.
        csv: writeCsv(COLUMNS, named, { neutralizeFormulas: true }),
      };
    },
  }),
  defineRoute({
    id: 'reportEvents',
    method: 'get',
    path: '/reports/events',
    tag: 'reports',
    summary:
      'The detailed report (S0-12): every journal entry in the period, told in one line, as JSON, CSV or PDF',
    description:
      'One row per journal entry: time, event type, subject, who did it, and what happened (task ' +
      "title and number, status changes, technicians' answers with reasons, invoice numbers and " +
      `totals). At most ${EVENT_REPORT_MAX_ROWS} entries (the newest); oldest first. \`format=csv\` ` +
      'is a spreadsheet-ready file like /reports/tasks; `format=pdf` a readable landscape A4 document.',
    access: { roles: ADMIN_ONLY },
    query: z
      .object({
        from: dayOrDateTime.optional(),
        to: dayOrDateTime.optional(),
        type: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .optional()
          .meta({ description: 'An event type (task.rejected) or a family (task.*)' }),
        subject: z.string().trim().min(1).max(200).optional().meta({ description: 'e.g. task:<id>' }),
        format: z.enum(['json', 'csv', 'pdf']).default('json'),
      })
      .refine(
        (query) => !query.from || !query.to || Date.parse(startOf(query.from)) < Date.parse(endOf(query.to)),
        { error: '`from` must be before `to`', path: ['from'] },
      ),
    response: table(
      z.object({ rows: z.array(EventReportRowView), total: z.number().int() }).meta({ id: 'EventReport' }),
      'The report rows (JSON; `total` counts every match, beyond the cap too), or the CSV or PDF file',
      { pdf: true },
    ),
    rpcTimeoutMs: 30_000,
    async handler(context) {
      const { from, to, type, subject, format } = context.query;
      const { entries, total } = await journalEntries(context, {
        ...(from ? { from: startOf(from) } : {}),
        ...(to ? { to: endOf(to) } : {}),
        ...(type ? { type } : {}),
        ...(subject ? { subject } : {}),
      });
      const names = await namesOf(context, entries.flatMap(peopleOf));
      const rows = entries.map((entry) => reportRow(entry, names));
      if (format === 'json') return { json: { rows, total } };
      const now = new Date().toISOString();
      const name = `events-${fileDay(from, 'start')}-${fileDay(to, now.slice(0, 10))}`;
      if (format === 'csv') {
        return {
          filename: `${name}.csv`,
          csv: writeCsv(EVENT_REPORT_COLUMNS, rows, { neutralizeFormulas: true }),
        };
      }
      const definition = eventReportPdf(rows, {
        period: `${from ?? 'the beginning'} — ${to ?? 'now'}`,
        filters: [...(type ? [`type: ${type}`] : []), ...(subject ? [`subject: ${subject}`] : [])],
        ...(total > rows.length ? { truncatedFrom: total } : {}),
        generatedAt: now,
      });
      return {
        filename: `${name}.pdf`,
        pdf: await renderPdf(definition),
        disposition: 'attachment' as const,
      };
    },
  }),
];
