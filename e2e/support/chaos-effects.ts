import amqplib from 'amqplib';
import { waitFor, withPg, type RabbitManagement, type TestEnv } from '@fieldgram/testkit';

/** `type|id` → how many: events in the audit journal, items in the admin's feed. */
export type CountsByTypeAndId = Map<string, number>;
export const typeAndId = (type: string, id: string): string => `${type}|${id}`;

/** What the services recorded, read straight from their schemas in the test's database. */
export interface RecordedEffects {
  /** identity.users rows per Telegram id (as text), and each one's user id. */
  people: Map<string, { count: number; userId: string }>;
  /** audit.journal: user.registered by userId, task.* by taskId. */
  journal: CountsByTypeAndId;
  /** notification.feed_items of the admin, by event type and the user or task they are about. */
  adminFeed: CountsByTypeAndId;
  /** task.tasks rows per title. */
  tasksByTitle: Map<string, { id: string; number: number; status: string }[]>;
  /** task.task_history actions per task id, in order. */
  history: Map<string, string[]>;
  /** Outbox rows not yet published, per schema. */
  unpublished: Map<string, number>;
}

export async function readRecordedEffects(
  databaseUrl: string,
  {
    telegramIds,
    titlePrefix,
    adminLogin,
  }: { telegramIds: number[]; titlePrefix: string; adminLogin: string },
): Promise<RecordedEffects> {
  return withPg(databaseUrl, async (db) => {
    const people = new Map<string, { count: number; userId: string }>();
    const users = await db.query<{ tg: string; id: string }>(
      'select telegram_id::text as tg, id from identity.users where telegram_id = any($1::bigint[])',
      [telegramIds],
    );
    for (const row of users.rows) {
      const seen = people.get(row.tg);
      people.set(row.tg, { count: (seen?.count ?? 0) + 1, userId: seen?.userId ?? row.id });
    }

    const tasks = await db.query<{ id: string; number: number; title: string; status: string }>(
      "select id, number, title, status from task.tasks where title like $1 || '%'",
      [titlePrefix],
    );
    const tasksByTitle = new Map<string, { id: string; number: number; status: string }[]>();
    for (const row of tasks.rows) {
      tasksByTitle.set(row.title, [...(tasksByTitle.get(row.title) ?? []), row]);
    }
    const taskIds = tasks.rows.map((row) => row.id);
    const userIds = users.rows.map((row) => row.id);

    const historyRows = await db.query<{ task_id: string; action: string }>(
      'select task_id, action from task.task_history where task_id = any($1::uuid[]) order by id',
      [taskIds],
    );
    const history = new Map<string, string[]>();
    for (const row of historyRows.rows)
      history.set(row.task_id, [...(history.get(row.task_id) ?? []), row.action]);

    const journalRows = await db.query<{ type: string; id: string; n: number }>(
      `select type, coalesce(data->>'taskId', data->>'userId') as id, count(*)::int as n from audit.journal
       where (type like 'task.%' and data->>'taskId' = any($1::text[]))
          or (type = 'user.registered' and data->>'userId' = any($2::text[]))
       group by 1, 2`,
      [taskIds, userIds],
    );
    const journal: CountsByTypeAndId = new Map(
      journalRows.rows.map((row) => [typeAndId(row.type, row.id), row.n]),
    );

    const feedRows = await db.query<{ type: string; subject: string; n: number }>(
      `select f.type, f.subject, count(*)::int as n from notification.feed_items f
       where f.recipient_id in (select id::text from identity.users where login = $1)
       group by 1, 2`,
      [adminLogin],
    );
    const adminFeed: CountsByTypeAndId = new Map(
      feedRows.rows.map((row) => [typeAndId(row.type, row.subject.replace(/^(task|user):/, '')), row.n]),
    );

    const unpublished = new Map<string, number>();
    const schemas = await db.query<{ schema: string }>(
      "select table_schema as schema from information_schema.tables where table_name = 'fg_outbox'",
    );
    for (const { schema } of schemas.rows) {
      const pending = await db.query<{ n: number }>(
        `select count(*)::int as n from "${schema}".fg_outbox where published_at is null`,
      );
      unpublished.set(schema, pending.rows[0]?.n ?? 0);
    }
    return { people, journal, adminFeed, tasksByTitle, history, unpublished };
  });
}

export interface QueueHolding {
  queue: string;
  /** Ready + unacknowledged. */
  messages: number;
  unacknowledged: number;
  consumers: number;
}

export interface QueueState {
  /** Dead queues holding messages. */
  parked: QueueHolding[];
  /** Other queues (work and retry queues) still holding messages, ready or unacknowledged. */
  busy: QueueHolding[];
}

/** Every queue of the vhost: the `*.dead` ones must be empty; the others empty once work is done. */
export async function readQueues(management: RabbitManagement, vhost: string): Promise<QueueState> {
  const queues = await management.listQueues(vhost);
  const holding = queues.filter((queue) => queue.messages > 0 || queue.messagesUnacknowledged > 0);
  const entry = (queue: (typeof queues)[number]): QueueHolding => ({
    queue: queue.name,
    messages: queue.messagesReady + queue.messagesUnacknowledged,
    unacknowledged: queue.messagesUnacknowledged,
    consumers: queue.consumers,
  });
  return {
    parked: holding.filter((queue) => queue.name.endsWith('.dead')).map(entry),
    busy: holding.filter((queue) => !queue.name.endsWith('.dead')).map(entry),
  };
}

/** The parked messages of one dead queue, with their type and error (looked at, left in place). */
export async function describeParked(amqpUrl: string, queue: string, limit = 5): Promise<string[]> {
  const connection = await amqplib.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    const lines: string[] = [];
    for (let i = 0; i < limit; i++) {
      const message = await channel.get(queue, { noAck: false });
      if (message === false) break;
      const headers = message.properties.headers ?? {};
      const error = typeof headers['x-fg-error'] === 'string' ? headers['x-fg-error'] : '?';
      lines.push(`${queue}: ${String(message.properties.type ?? '?')} — ${error.slice(0, 300)}`);
    }
    await channel.close(); // unacknowledged: the messages go back to the queue
    return lines;
  } finally {
    await connection.close();
  }
}

export type Quiet = QueueState & { unpublished: number; quiet: boolean };

/** Until every queue but the dead ones is empty and every outbox published, three looks in a row. */
export async function waitUntilQuiet(env: TestEnv, timeoutMs: number): Promise<Quiet> {
  let calm = 0;
  let last: QueueState & { unpublished: number } = { parked: [], busy: [], unpublished: 0 };
  const look = async () => {
    const queues = await readQueues(env.management, env.amqpVhost);
    // Only the outbox counts are wanted: filters that match nothing.
    const { unpublished } = await readRecordedEffects(env.databaseUrl, {
      telegramIds: [],
      titlePrefix: '-',
      adminLogin: '-',
    });
    last = { ...queues, unpublished: [...unpublished.values()].reduce((sum, n) => sum + n, 0) };
    calm = last.busy.length === 0 && last.unpublished === 0 ? calm + 1 : 0;
    return calm >= 3;
  };
  const quiet = await waitFor(look, {
    message: 'every queue drained and every outbox published',
    timeoutMs,
    intervalMs: 1_000,
  }).catch(() => false);
  return { ...last, quiet };
}
