import { containsPattern } from '@fieldgram/platform';
import type { Knex } from 'knex';
import {
  newMessageId,
  type Task,
  type TaskClient,
  type TaskStatus,
  type TaskSummary,
} from '@fieldgram/contracts';

type Db = Knex | Knex.Transaction;

/** What a reader of tasks needs: the service's database (its own schema). */
export interface TaskReadDeps {
  db: Knex;
}

/** A row of `tasks` as Postgres returns it. */
export interface TaskRow {
  id: string;
  number: number;
  title: string;
  description: string | null;
  area: string;
  scheduled_at: Date | null;
  client: TaskClient;
  status: TaskStatus;
  assignee_id: string | null;
  send_count: number;
  reminded_send_count: number | null;
  escalated_send_count: number | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface HistoryRow {
  id: string;
  task_id: string;
  at: Date;
  by_user_id: string | null;
  action: string;
  from: TaskStatus | null;
  to: TaskStatus;
  reason: string | null;
  assignee_id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function toSummary(row: TaskRow): TaskSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    area: row.area,
    scheduledAt: row.scheduled_at?.toISOString() ?? null,
    status: row.status,
    assigneeId: row.assignee_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toTask(row: TaskRow, history: HistoryRow[]): Task {
  return {
    ...toSummary(row),
    client: row.client,
    history: history.map((entry) => ({
      at: entry.at.toISOString(),
      byUserId: entry.by_user_id,
      action: entry.action,
      from: entry.from,
      to: entry.to,
      reason: entry.reason,
      assigneeId: entry.assignee_id,
    })),
  };
}

/** A task that is not deleted; undefined for an unknown id or a deleted task. */
export async function findTask(db: Db, id: string, lock?: 'update'): Promise<TaskRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db.table('tasks').where({ id }).whereNull('deleted_at').first<TaskRow | undefined>();
  if (lock === 'update') void query.forUpdate();
  return query;
}

export async function historyOf(db: Db, taskId: string): Promise<HistoryRow[]> {
  return db.table('task_history').where({ task_id: taskId }).orderBy('id').select<HistoryRow[]>('*');
}

/** The task as answered: its row with its history. */
export async function loadTask(db: Db, row: TaskRow): Promise<Task> {
  return toTask(row, await historyOf(db, row.id));
}

export interface NewTask {
  title: string;
  description: string | null;
  area: string;
  scheduledAt: string | null;
  client: TaskClient;
  status: TaskStatus;
  assigneeId: string | null;
}

export async function insertTask(trx: Knex.Transaction, task: NewTask): Promise<TaskRow> {
  const [row] = await trx
    .table('tasks')
    .insert({
      id: newMessageId(),
      title: task.title,
      description: task.description,
      area: task.area,
      scheduled_at: task.scheduledAt,
      client: JSON.stringify(task.client),
      status: task.status,
      assignee_id: task.assigneeId,
    })
    .returning<TaskRow[]>('*');
  return row!;
}

/** The columns a change may touch (snake_case), with updated_at bumped. */
export type TaskColumns = Partial<
  Omit<TaskRow, 'id' | 'number' | 'created_at' | 'updated_at' | 'client' | 'scheduled_at' | 'deleted_at'> & {
    client: string;
    scheduled_at: string | null;
    deleted_at: Date | Knex.Raw;
  }
>;

export async function updateTask(trx: Knex.Transaction, id: string, columns: TaskColumns): Promise<TaskRow> {
  const [row] = await trx
    .table('tasks')
    .where({ id })
    .update({ ...columns, updated_at: trx.fn.now() })
    .returning<TaskRow[]>('*');
  return row!;
}

/**
 * Remembers that the offer of `sendCount` got its reminder (`remind`) or escalation, so the job
 * acts once. Not a change of the task itself: updated_at stays.
 */
export async function markOfferReminded(
  trx: Knex.Transaction,
  id: string,
  kind: 'remind' | 'escalate',
  sendCount: number,
): Promise<void> {
  const column = kind === 'remind' ? 'reminded_send_count' : 'escalated_send_count';
  await trx
    .table('tasks')
    .where({ id })
    .update({ [column]: sendCount });
}

export async function insertHistory(
  trx: Knex.Transaction,
  entry: Omit<HistoryRow, 'id' | 'at'>,
): Promise<void> {
  await trx.table('task_history').insert(entry);
}

export interface TaskFilter {
  status?: TaskStatus | undefined;
  statuses?: TaskStatus[] | undefined;
  assigneeId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listTaskRows(
  db: Knex,
  filter: TaskFilter,
): Promise<{ rows: TaskRow[]; total: number }> {
  const base = db
    .table('tasks')
    .whereNull('deleted_at')
    .modify((query: Knex.QueryBuilder) => {
      if (filter.status) void query.where('status', filter.status);
      if (filter.statuses?.length) void query.whereIn('status', filter.statuses);
      if (filter.assigneeId !== undefined) {
        // An id that is no uuid is nobody's: nothing matches rather than a Postgres error.
        if (isUuid(filter.assigneeId)) void query.where('assignee_id', filter.assigneeId);
        else void query.whereRaw('false');
      }
      const q = filter.q?.trim().replace(/^#/, '');
      if (q) {
        const pattern = containsPattern(q);
        void query.where((inner) => {
          void inner.orWhereRaw('title ilike ?', [pattern]).orWhereRaw('area ilike ?', [pattern]);
          void inner.orWhereRaw('description ilike ?', [pattern]);
          if (/^\d{1,9}$/.test(q)) void inner.orWhere('number', Number(q));
        });
      }
    });
  const [counted, rows] = await Promise.all([
    base.clone().count<{ total: string }[]>({ total: '*' }),
    base
      .clone()
      .select<TaskRow[]>('*')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
  ]);
  return { rows, total: Number(counted[0]?.total ?? 0) };
}

export interface ReportFilter {
  from?: string | undefined;
  to?: string | undefined;
  assigneeId?: string | undefined;
  status?: TaskStatus | undefined;
}

export type ReportRow = HistoryRow &
  Pick<TaskRow, 'number' | 'title' | 'area' | 'status' | 'created_at'> & {
    task_assignee_id: string | null;
  };

/**
 * The S0-12 report: every history entry in the period with its task's basics (deleted tasks too:
 * the journal keeps what happened). `assigneeId` = whom the entry concerned; `status` = the task's now.
 */
export async function reportRows(db: Knex, filter: ReportFilter): Promise<ReportRow[]> {
  const query = db
    .table('task_history as h')
    .join('tasks as t', 't.id', 'h.task_id')
    .select<ReportRow[]>(
      'h.*',
      't.number',
      't.title',
      't.area',
      't.status',
      't.created_at',
      't.assignee_id as task_assignee_id',
    )
    .orderBy('h.at')
    .orderBy('h.id')
    .limit(10_000);
  if (filter.from) void query.where('h.at', '>=', filter.from);
  if (filter.to) void query.where('h.at', '<', filter.to);
  if (filter.assigneeId !== undefined) {
    if (isUuid(filter.assigneeId)) void query.where('h.assignee_id', filter.assigneeId);
    else void query.whereRaw('false');
  }
  if (filter.status) void query.where('t.status', filter.status);
  return query;
}
