import { MY_TASKS_LIST, TASK_BUTTONS } from '@fieldgram/bot-ui';
import type { Flow } from '../flow.js';
import { taskEvents } from './events.js';
import { myTasks } from './my-tasks.js';
import { tasksOverRpc } from './port.js';
import { taskPresses } from './presses.js';
import { REJECT_PROMPT, rejectReason } from './reject-reason.js';

/**
 * The technician's side of dispatch (issue 5, S0-07…S0-10): offers, client details and
 * reminders from the task service's events; Accept, Reject (with an optional reason), Mark as
 * Completed and "My tasks" answered through its task port.
 */
export const tasksFlow: Flow = {
  name: 'tasks',
  mount: (context) => {
    const tasks = tasksOverRpc(context.rpc, context.env.TASK_TIMEOUT_MS);
    const list = myTasks(tasks);
    return {
      menu: { myTasks: list.menu },
      callbacks: { [TASK_BUTTONS.ns]: taskPresses(tasks) },
      pages: { [MY_TASKS_LIST]: list.page },
      prompts: { [REJECT_PROMPT]: rejectReason(tasks) },
      events: [taskEvents(context)],
    };
  },
};
