import { z } from 'zod';
import { messages } from '@fieldgram/contracts';
import { writeCsv, type CsvColumn } from '../../csv/csv.js';
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
];
