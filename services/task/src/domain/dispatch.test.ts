import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '@fieldgram/contracts';
import { fire } from './workflow.js';
import { dispatchSubject, dispatchWorkflow, type DispatchAction, type DispatchFacts } from './dispatch.js';

const admin = { roles: ['admin' as const] };
const assignee = { roles: ['assignee' as const] };
const stranger = { roles: [] };
const facts = (extra: Partial<DispatchFacts> = {}): DispatchFacts => ({
  assignee: true,
  sameAssignee: false,
  reason: false,
  ...extra,
});
const task = (status: TaskStatus, extra: Partial<DispatchFacts> = {}, target?: TaskStatus) =>
  dispatchSubject({ status, number: 12 }, facts(extra), target);
const run = (
  status: TaskStatus,
  action: DispatchAction,
  actor: { roles: ('admin' | 'assignee')[] },
  extra: Partial<DispatchFacts> = {},
) => fire(dispatchWorkflow, task(status, extra), action, actor);

describe('the dispatch workflow', () => {
  it('walks the happy path', () => {
    expect(run('new', 'send', admin).to).toBe('sent');
    expect(run('sent', 'accept', assignee).to).toBe('accepted');
    expect(run('accepted', 'release-client-info', admin).to).toBe('client_info_sent');
    expect(run('client_info_sent', 'complete', assignee).to).toBe('completed');
    expect(run('client_info_sent', 'complete', admin).to).toBe('completed');
  });

  it('rejects, resends and refuses to send without an assignee', () => {
    expect(run('sent', 'reject', assignee).to).toBe('rejected');
    expect(run('rejected', 'send', admin).to).toBe('sent');
    expect(run('sent', 'send', admin).to).toBe('sent');
    expect(run('new', 'send', admin, { assignee: false })).toEqual({
      kind: 'requirement',
      refused: 'the task has no assignee: assign a technician before sending',
    });
  });

  it('sends a reassigned offer back to new; otherwise the status stays', () => {
    expect(run('sent', 'assign', admin).to).toBe('new');
    expect(run('accepted', 'assign', admin).to).toBe('new');
    expect(run('sent', 'assign', admin, { sameAssignee: true }).to).toBe('sent');
    expect(run('rejected', 'assign', admin).to).toBe('rejected');
    expect(run('new', 'assign', admin).to).toBe('new');
    expect(run('client_info_sent', 'assign', admin).refused).toBe(
      'the client info of task #12 was already sent to its technician: change its status before reassigning it',
    );
  });

  it('completes only after client info, with a reason that says why', () => {
    expect(run('sent', 'complete', admin).refused).toBe(
      'task #12 was never accepted, so it cannot be completed',
    );
    expect(run('new', 'complete', assignee).refused).toBe(
      'task #12 was never accepted, so it cannot be completed',
    );
    expect(run('accepted', 'complete', admin).refused).toBe(
      'the client info of task #12 was not sent yet, so it cannot be completed',
    );
    expect(run('completed', 'complete', admin).refused).toBe('task #12 is already completed');
  });

  it('lets only the assignee answer an offer', () => {
    expect(run('sent', 'accept', stranger)).toEqual({
      kind: 'forbidden',
      refused: 'this task is not assigned to you',
    });
    expect(run('sent', 'accept', admin).kind).toBe('forbidden');
    expect(run('accepted', 'accept', assignee).refused).toBe('you have already accepted task #12');
    expect(run('cancelled', 'reject', assignee).refused).toBe('task #12 is cancelled');
  });

  it('releases client info only after an accept', () => {
    expect(run('sent', 'release-client-info', admin).refused).toBe(
      'task #12 is sent: client info is sent only after the technician accepted it',
    );
  });

  it('changes any status by hand with a reason, never to the same one', () => {
    const change = (status: TaskStatus, target: TaskStatus, reason = true) =>
      fire(dispatchWorkflow, task(status, { reason }, target), 'change-status', admin);
    expect(change('completed', 'cancelled').to).toBe('cancelled');
    expect(change('cancelled', 'new').to).toBe('new');
    expect(change('sent', 'cancelled', false).refused).toBe(
      'a reason is required to change the status by hand',
    );
    expect(change('sent', 'sent').refused).toBe('task #12 is already sent');
    expect(fire(dispatchWorkflow, task('sent', {}, 'new'), 'change-status', assignee).kind).toBe('forbidden');
  });

  it('deletes from any state without changing it', () => {
    for (const status of dispatchWorkflow.states) expect(run(status, 'delete', admin).to).toBe(status);
  });
});
