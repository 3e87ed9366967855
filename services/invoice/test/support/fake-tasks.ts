import { newMessageId, type Task, type TaskStatus } from '@fieldgram/contracts';
import { DomainError } from '@fieldgram/platform';
import { fakeResponder, type Closable, type TestEnv } from '@fieldgram/testkit';

/**
 * Stands in for task, which invoice asks `task.get` for the task it bills and its technician:
 * answers from the tasks a test adds, `not_found` for any other.
 */
export class FakeTasks implements Closable {
  private readonly tasks = new Map<string, Task>();
  private nextNumber = 1000;
  private responder: Closable | undefined;

  private constructor() {}

  static async start(this: void, env: TestEnv): Promise<FakeTasks> {
    const fake = new FakeTasks();
    fake.responder = await fakeResponder(env, {
      'task.get': ({ taskId }) => {
        const task = fake.tasks.get(taskId);
        if (!task) throw new DomainError('not_found', `no task ${taskId}`, { taskId });
        return task;
      },
    });
    return fake;
  }

  /** A task of `assigneeId` in `status`, as task would answer it. */
  add(title: string, assigneeId: string, status: TaskStatus): Task {
    const now = new Date().toISOString();
    const task: Task = {
      id: newMessageId(),
      number: (this.nextNumber += 1),
      title,
      description: null,
      area: 'Северный район',
      scheduledAt: null,
      status,
      assigneeId,
      createdAt: now,
      updatedAt: now,
      client: { name: 'Ольга', phone: '+7 900 555-44-33', address: 'ул. Скрытая, 12', notes: null },
      history: [],
    };
    this.tasks.set(task.id, task);
    return task;
  }

  async close(): Promise<void> {
    await this.responder?.close();
  }
}
