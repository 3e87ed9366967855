import { describe, expect, it } from 'vitest';
import type { ServiceRuntime } from '@fieldgram/platform';
import type { Messages } from '@fieldgram/contracts';
import type { Flow, FlowContext, FlowParts } from './flow.js';
import { FlowConflictError, mountFlows } from './mount-flows.js';

// Mounting only calls `mount` with the context and reads what it returns.
const context = {} as FlowContext;
const nothing = () => Promise.resolve([]);
const flow = (name: string, parts: FlowParts): Flow => ({ name, mount: () => parts });
const consumer = (queue: string) => ({ queue, consume: (_runtime: ServiceRuntime<Messages>) => undefined });

describe('mountFlows', () => {
  it("gathers every flow's routes and event consumers, handing each flow the shared context", () => {
    const seen: FlowContext[] = [];
    const tasks: Flow = {
      name: 'tasks',
      mount: (given) => {
        seen.push(given);
        return {
          menu: { myTasks: nothing },
          callbacks: { task: nothing },
          pages: { tasks: nothing },
          prompts: { 'task-reject': nothing },
          events: [consumer('conversation.task-events')],
        };
      },
    };
    const claims = flow('claims', { menu: { fileClaim: nothing }, callbacks: { claim: nothing } });
    const mounted = mountFlows([tasks, claims], context);
    expect(seen).toEqual([context]);
    expect(Object.keys(mounted.routes.menu)).toEqual(['myTasks', 'fileClaim']);
    expect(Object.keys(mounted.routes.callbacks)).toEqual(['task', 'claim']);
    expect(Object.keys(mounted.routes.pages)).toEqual(['tasks']);
    expect(Object.keys(mounted.routes.prompts)).toEqual(['task-reject']);
    expect(mounted.consumers.map((c) => c.queue)).toEqual(['conversation.task-events']);
  });

  it('refuses a second claim on a menu action, callback namespace, list, prompt, queue or flow name', () => {
    const first = flow('tasks', {
      menu: { myTasks: nothing },
      callbacks: { task: nothing },
      pages: { tasks: nothing },
      prompts: { 'task-reject': nothing },
      events: [consumer('conversation.task-events')],
    });
    const cases: [FlowParts, string][] = [
      [{ menu: { myTasks: nothing } }, 'flows "tasks" and "other" both claim the menu action "myTasks"'],
      [
        { callbacks: { task: nothing } },
        'flows "tasks" and "other" both claim the callback namespace "task"',
      ],
      [{ pages: { tasks: nothing } }, 'flows "tasks" and "other" both claim the paged list "tasks"'],
      [
        { prompts: { 'task-reject': nothing } },
        'flows "tasks" and "other" both claim the prompt "task-reject"',
      ],
      [
        { events: [consumer('conversation.task-events')] },
        'flows "tasks" and "other" both claim the event queue "conversation.task-events"',
      ],
    ];
    for (const [parts, message] of cases) {
      expect(() => mountFlows([first, flow('other', parts)], context)).toThrow(
        new FlowConflictError(message),
      );
    }
    expect(() => mountFlows([first, flow('tasks', {})], context)).toThrow(
      'flows "tasks" and "tasks" both claim the flow name "tasks"',
    );
  });
});
