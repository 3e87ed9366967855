import type { Logger } from 'pino';
import { ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import { reminderDelays, type TaskEnv } from './config.js';
import { BullOfferReminders } from './reminders/offer-reminders.js';
import { createTaskHandler } from './handlers/create-task.js';
import { getTaskHandler } from './handlers/get-task.js';
import { listTasksHandler } from './handlers/list-tasks.js';
import { updateTaskHandler } from './handlers/update-task.js';
import { assignTaskHandler } from './handlers/assign-task.js';
import { sendTaskHandler } from './handlers/send-task.js';
import { acceptTaskHandler, rejectTaskHandler } from './handlers/answer-offer.js';
import { releaseClientInfoHandler } from './handlers/release-client-info.js';
import { completeTaskHandler } from './handlers/complete-task.js';
import { changeStatusHandler } from './handlers/change-status.js';
import { deleteTaskHandler } from './handlers/delete-task.js';
import { taskReportHandler } from './handlers/task-report.js';
import { remindUnansweredOffer } from './usecases/remind-unanswered-offer.js';
import { MIGRATIONS } from '../migrations/index.js';

export const SERVICE_NAME = 'task';

export interface TaskService {
  runtime: ServiceRuntime<Messages>;
  reminders: BullOfferReminders;
}

/**
 * Wiring: tasks and the dispatch workflow (S0-06…S0-10, S0-12), answered over request/reply on
 * `task.queries`; events through the outbox; offer reminders on BullMQ (`task-reminders`).
 */
export function createTaskService(env: TaskEnv, options: { logger?: Logger } = {}): Promise<TaskService> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: MIGRATIONS,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const reminders = new BullOfferReminders({
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    ...reminderDelays(env),
    onDue: (kind, job) => remindUnansweredOffer({ uow: runtime.uow }, kind, job),
    logger: runtime.logger,
  });
  // What the handlers may use; each one's own type names the part it needs.
  const ports = {
    uow: runtime.uow,
    db: runtime.db.knex,
    reminders,
    // The request client exists once the runtime has started, before the first request.
    get rpc() {
      return runtime.rpc;
    },
  };

  runtime
    // Before the responder: a send schedules its reminders from its first answer.
    .part(reminders.part())
    .respond({
      handlers: {
        'task.create': createTaskHandler(ports),
        'task.get': getTaskHandler(ports),
        'task.list': listTasksHandler(ports),
        'task.update': updateTaskHandler(ports),
        'task.assign': assignTaskHandler(ports),
        'task.send': sendTaskHandler(ports),
        'task.accept': acceptTaskHandler(ports),
        'task.reject': rejectTaskHandler(ports),
        'task.release-client-info': releaseClientInfoHandler(ports),
        'task.complete': completeTaskHandler(ports),
        'task.change-status': changeStatusHandler(ports),
        'task.delete': deleteTaskHandler(ports),
        'task.report': taskReportHandler(ports),
      },
    });
  return Promise.resolve({ runtime, reminders });
}
