import { pino } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import { BusConnection, createMetrics, DomainError, RpcServer } from '@fieldgram/platform';
import { messages, newMessageId, type Messages, type Task, type TaskStatus } from '@fieldgram/contracts';

type Answered = 'task.get' | 'task.accept' | 'task.reject' | 'task.complete' | 'task.list';

/**
 * A TEST DOUBLE of the task service at the bus boundary (services/task is being written
 * concurrently): it answers the queries conversation asks over real request/reply on
 * `task.queries`, from tasks the test sets, refusing as the contract says — not the assignee →
 * forbidden; not waiting for that answer → conflict; unknown → not_found. It records every call.
 * Nothing inside conversation is faked.
 */
export class TaskDouble {
  readonly tasks = new Map<string, Task>();
  readonly calls: { type: Answered; data: Record<string, unknown> }[] = [];
  private nextNumber = 1000;

  private server: RpcServer<Messages, Answered> | undefined;

  private constructor(private readonly connection: BusConnection) {}

  static async start(env: TestEnv): Promise<TaskDouble> {
    const logger = pino({ level: 'silent' });
    const connection = await BusConnection.open({ url: env.amqpUrl, name: 'task-double', logger });
    const double = new TaskDouble(connection);
    const self = () => double;
    double.server = await RpcServer.start({
      connection,
      registry: messages,
      logger,
      metrics: createMetrics({ service: 'task-double' }),
      queue: 'task.queries',
      handlers: {
        'task.get': ({ data }) => Promise.resolve(self().record('task.get', data).find(data.taskId)),
        'task.accept': ({ data }) =>
          Promise.resolve(
            self().record('task.accept', data).move(data.taskId, data.technicianId, 'sent', 'accepted'),
          ),
        'task.reject': ({ data }) =>
          Promise.resolve(
            self().record('task.reject', data).move(data.taskId, data.technicianId, 'sent', 'rejected'),
          ),
        'task.complete': ({ data }) =>
          Promise.resolve(
            self()
              .record('task.complete', data)
              .move(data.taskId, data.technicianId, 'client_info_sent', 'completed'),
          ),
        'task.list': ({ data }) => {
          const all = [...self().record('task.list', data).tasks.values()]
            .filter((task) => data.assigneeId === undefined || task.assigneeId === data.assigneeId)
            .filter((task) => !data.statuses || data.statuses.includes(task.status))
            .sort((a, b) => b.number - a.number);
          const start = (data.page - 1) * data.pageSize;
          return Promise.resolve({
            items: all
              .slice(start, start + data.pageSize)
              .map(({ client: _c, history: _h, ...summary }) => summary),
            total: all.length,
            page: data.page,
            pageSize: data.pageSize,
          });
        },
      },
    });
    return double;
  }

  add(fields: Partial<Task> & Pick<Task, 'title' | 'assigneeId'>): Task {
    const now = new Date().toISOString();
    const task: Task = {
      id: newMessageId(),
      number: ++this.nextNumber,
      description: 'Water leaks under the boiler.',
      area: 'North district',
      scheduledAt: '2026-11-21T14:00:00.000Z',
      status: 'sent',
      createdAt: now,
      updatedAt: now,
      client: {
        name: 'Olga Ivanova',
        phone: '+7 900 123-45-67',
        address: 'Lenina 1, apt 5',
        notes: 'Dog at home',
      },
      history: [],
      ...fields,
    };
    this.tasks.set(task.id, task);
    return task;
  }

  callsOf(type: Answered) {
    return this.calls.filter((call) => call.type === type).map((call) => call.data);
  }

  private record(type: Answered, data: object): this {
    this.calls.push({ type, data: { ...data } });
    return this;
  }

  private find(taskId: string): Task {
    const task = this.tasks.get(taskId);
    if (!task) throw new DomainError('not_found', `task ${taskId} not found`);
    return task;
  }

  private move(taskId: string, technicianId: string | undefined, from: TaskStatus, to: TaskStatus): Task {
    const task = this.find(taskId);
    if (task.assigneeId !== technicianId) throw new DomainError('forbidden', 'not your task');
    if (task.status !== from) throw new DomainError('conflict', `the task is ${task.status}`);
    task.status = to;
    return task;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.connection.close();
  }
}
