// An admin dispatches a task through the workflow; technicians answer; refusals say why (S0-06…S0-10, S0-12).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId } from '@fieldgram/contracts';
import { asUser as as, useTestEnv, type Caller, type EventTap } from '@fieldgram/testkit';
import { CLIENT, newTask, startTask, type TaskRun } from './support/harness.js';

const env = useTestEnv('task-dispatch');
let run: TaskRun;
let caller: Caller;
let tap: EventTap;
let ivan: string;
let petr: string;
const ADMIN_ID = newMessageId();
const byAdmin = () => as(ADMIN_ID);

beforeAll(async () => {
  run = await startTask(env());
  ({ caller, tap } = run);
  ivan = run.peers.identity.technician('Ivan Tech');
  petr = run.peers.identity.technician('Petr Tech');
});
afterAll(async () => {
  await run?.stop();
});

describe('the dispatch happy path', () => {
  it('goes create → send → accept → client info → complete, with history and events', async () => {
    const created = await caller.ask(
      'task.create',
      newTask({ description: 'leaks', scheduledAt: '2026-12-01T10:00:00.000Z', assigneeId: ivan }),
      byAdmin(),
    );
    expect(created).toMatchObject({
      title: 'Fix the boiler',
      area: 'North district',
      status: 'new',
      assigneeId: ivan,
      client: CLIENT,
      scheduledAt: '2026-12-01T10:00:00.000Z',
    });
    expect(created.number).toBeGreaterThan(0);
    const id = created.id;

    const sent = await caller.ask('task.send', { taskId: id }, byAdmin());
    expect(sent.status).toBe('sent');
    const offer = await tap.next('task.sent', (d) => d.taskId === id);
    expect(offer.data).toMatchObject({ assigneeId: ivan, area: 'North district', sendCount: 1 });
    expect(JSON.stringify(offer.data)).not.toContain(CLIENT.phone);
    expect(offer.partitionKey).toBe(`task:${id}`);
    expect(offer.actor).toEqual({ kind: 'user', userId: ADMIN_ID, role: 'admin' });

    expect((await caller.ask('task.accept', { taskId: id, technicianId: ivan })).status).toBe('accepted');
    // The acceptance carries the offer's details again (notification keeps them in the edited offer).
    const accepted = await tap.next('task.accepted', (d) => d.taskId === id);
    expect(accepted.data).toMatchObject({
      assigneeId: ivan,
      area: 'North district',
      description: 'leaks',
      scheduledAt: '2026-12-01T10:00:00.000Z',
    });
    expect(JSON.stringify(accepted.data)).not.toContain(CLIENT.phone);
    expect((await caller.ask('task.release-client-info', { taskId: id }, byAdmin())).status).toBe(
      'client_info_sent',
    );
    const released = await tap.next('task.client-info-released', (d) => d.taskId === id);
    expect(released.data).toMatchObject({ assigneeId: ivan, client: CLIENT });
    const done = await caller.ask('task.complete', { taskId: id, technicianId: ivan });
    expect(done.status).toBe('completed');

    expect(done.history.map((h) => [h.action, h.from, h.to, h.byUserId])).toEqual([
      ['create', null, 'new', ADMIN_ID],
      ['send', 'new', 'sent', ADMIN_ID],
      ['accept', 'sent', 'accepted', ivan],
      ['release-client-info', 'accepted', 'client_info_sent', ADMIN_ID],
      ['complete', 'client_info_sent', 'completed', ivan],
    ]);
    expect(done.history.every((h) => h.assigneeId === ivan)).toBe(true);
    await tap.next('task.completed', (d) => d.taskId === id);
    expect(tap.typesFor(id)).toEqual([
      'task.created',
      'task.assigned',
      'task.sent',
      'task.accepted',
      'task.client-info-released',
      'task.completed',
    ]);
    expect((await caller.ask('task.get', { taskId: id })).status).toBe('completed');
  });
});

describe('refusals', () => {
  it('refuses to send a task with no assignee, saying why', async () => {
    const task = await caller.ask('task.create', newTask(), byAdmin());
    const error = await caller.refusal('task.send', { taskId: task.id }, byAdmin());
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('the task has no assignee: assign a technician before sending');
    expect(error.details).toEqual({ action: 'send', status: 'new' });
  });

  it('refuses to complete a task that was never accepted', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    const error = await caller.refusal('task.complete', { taskId: task.id }, byAdmin());
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(`task #${task.number} was never accepted, so it cannot be completed`);
    const early = await caller.refusal('task.release-client-info', { taskId: task.id }, byAdmin());
    expect(early.message).toBe(
      `task #${task.number} is sent: client info is sent only after the technician accepted it`,
    );
  });

  it('lets nobody but the assignee answer the offer', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    const error = await caller.refusal('task.accept', { taskId: task.id, technicianId: petr });
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('this task is not assigned to you');
    expect((await caller.refusal('task.reject', { taskId: task.id, technicianId: petr })).code).toBe(
      'forbidden',
    );
    expect((await caller.ask('task.get', { taskId: task.id })).status).toBe('sent');
    // An answered offer cannot be answered again.
    await caller.ask('task.accept', { taskId: task.id, technicianId: ivan });
    const again = await caller.refusal('task.reject', { taskId: task.id, technicianId: ivan });
    expect(again.code).toBe('conflict');
    expect(again.message).toBe(`you have already accepted task #${task.number}: ask an admin to reassign it`);
  });

  it('keeps technicians and clients away from admin actions', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    const error = await caller.refusal('task.send', { taskId: task.id }, as(ivan, 'technician'));
    expect(error.code).toBe('forbidden');
  });

  it('assigns only registered technicians', async () => {
    const task = await caller.ask('task.create', newTask(), byAdmin());
    const error = await caller.refusal(
      'task.assign',
      { taskId: task.id, technicianId: newMessageId() },
      byAdmin(),
    );
    expect(error.code).toBe('validation');
    expect((await caller.refusal('task.get', { taskId: 'nope' })).code).toBe('not_found');
  });
});

describe('reject, reassign and resend', () => {
  it('rejects with a reason, then reassigns and sends to another technician', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    const rejected = await caller.ask('task.reject', {
      taskId: task.id,
      technicianId: ivan,
      reason: 'too far',
    });
    expect(rejected.status).toBe('rejected');
    const event = await tap.next('task.rejected', (d) => d.taskId === task.id);
    expect(event.data).toMatchObject({ assigneeId: ivan, reason: 'too far', area: 'North district' });

    const reassigned = await caller.ask('task.assign', { taskId: task.id, technicianId: petr }, byAdmin());
    expect(reassigned).toMatchObject({ status: 'rejected', assigneeId: petr });
    const assigned = await tap.next('task.assigned', (d) => d.taskId === task.id && d.assigneeId === petr);
    expect(assigned.data).toMatchObject({ previousAssigneeId: ivan, area: 'North district' });

    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    const offer = await tap.next('task.sent', (d) => d.taskId === task.id && d.assigneeId === petr);
    expect(offer.data.sendCount).toBe(2);
    // Ivan's old buttons do nothing now.
    expect((await caller.refusal('task.accept', { taskId: task.id, technicianId: ivan })).code).toBe(
      'forbidden',
    );
    expect((await caller.ask('task.accept', { taskId: task.id, technicianId: petr })).status).toBe(
      'accepted',
    );
  });

  it('sends a task reassigned after sending back to new', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    const moved = await caller.ask('task.assign', { taskId: task.id, technicianId: petr }, byAdmin());
    expect(moved).toMatchObject({ status: 'new', assigneeId: petr });
    expect(moved.history.at(-1)).toMatchObject({
      action: 'assign',
      from: 'sent',
      to: 'new',
      assigneeId: petr,
    });
    // The same technician again: nothing changes, no event.
    const same = await caller.ask('task.assign', { taskId: task.id, technicianId: petr }, byAdmin());
    expect(same.status).toBe('new');
  });

  it('counts every resend', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    for (let i = 0; i < 3; i += 1) await caller.ask('task.send', { taskId: task.id }, byAdmin());
    await tap.next('task.sent', (d) => d.taskId === task.id && d.sendCount === 3);
    expect(tap.ofType('task.sent', (d) => d.taskId === task.id).map((e) => e.data.sendCount)).toEqual([
      1, 2, 3,
    ]);
  });
});

describe('manual changes, edits and soft delete', () => {
  it('changes the status by hand with a reason, and cancels', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    const same = await caller.refusal(
      'task.change-status',
      { taskId: task.id, status: 'new', reason: 'just because' },
      byAdmin(),
    );
    expect(same).toMatchObject({ code: 'conflict', message: `task #${task.number} is already new` });
    const cancelled = await caller.ask(
      'task.change-status',
      { taskId: task.id, status: 'cancelled', reason: 'client called off' },
      byAdmin(),
    );
    expect(cancelled.history.at(-1)).toMatchObject({
      action: 'change-status',
      from: 'new',
      to: 'cancelled',
      reason: 'client called off',
    });
    const event = await tap.next('task.status-changed', (d) => d.taskId === task.id);
    expect(event.data).toMatchObject({
      from: 'new',
      to: 'cancelled',
      reason: 'client called off',
      area: 'North district',
    });
    const send = await caller.refusal('task.send', { taskId: task.id }, byAdmin());
    expect(send.message).toBe(`task #${task.number} is cancelled`);
  });

  it('edits details and says which fields changed', async () => {
    const task = await caller.ask('task.create', newTask(), byAdmin());
    const edited = await caller.ask(
      'task.update',
      { taskId: task.id, patch: { title: 'Fix the boiler (urgent)', area: 'North district' } },
      byAdmin(),
    );
    expect(edited.title).toBe('Fix the boiler (urgent)');
    const event = await tap.next('task.updated', (d) => d.taskId === task.id);
    expect(event.data.changed).toEqual(['title']);
  });

  it('soft-deletes: gone from get and list, kept in the report', async () => {
    const task = await caller.ask('task.create', newTask({ title: 'Doomed task' }), byAdmin());
    expect(await caller.ask('task.delete', { taskId: task.id }, byAdmin())).toEqual({ deleted: true });
    expect((await caller.refusal('task.get', { taskId: task.id })).code).toBe('not_found');
    expect((await caller.refusal('task.delete', { taskId: task.id }, byAdmin())).code).toBe('not_found');
    expect((await caller.ask('task.list', { q: 'Doomed' })).total).toBe(0);
    expect((await tap.next('task.deleted', (d) => d.taskId === task.id)).data).toMatchObject({
      area: 'North district',
      description: null,
      scheduledAt: null,
    });
    const { rows } = await caller.ask('task.report', {});
    expect(rows.filter((row) => row.taskId === task.id).map((row) => row.action)).toEqual([
      'create',
      'delete',
    ]);
  });
});

describe('listing and the report', () => {
  it('filters by status, assignee and text, and pages newest first', async () => {
    const marker = `Paging-${Date.now()}`;
    const made = [];
    for (let i = 0; i < 5; i += 1)
      made.push(
        await caller.ask('task.create', newTask({ title: `${marker} ${i}`, assigneeId: petr }), byAdmin()),
      );
    await caller.ask('task.send', { taskId: made[0]!.id }, byAdmin());

    const first = await caller.ask('task.list', { q: marker, pageSize: 2 });
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((t) => t.title)).toEqual([`${marker} 4`, `${marker} 3`]);
    expect(first.items[0]).not.toHaveProperty('client');
    const last = await caller.ask('task.list', { q: marker, pageSize: 2, page: 3 });
    expect(last.items.map((t) => t.title)).toEqual([`${marker} 0`]);

    expect((await caller.ask('task.list', { q: marker, status: 'sent' })).total).toBe(1);
    expect((await caller.ask('task.list', { q: marker, statuses: ['new', 'sent'] })).total).toBe(5);
    expect((await caller.ask('task.list', { q: marker, assigneeId: ivan })).total).toBe(0);
    expect((await caller.ask('task.list', { q: `#${made[2]!.number}` })).items.map((t) => t.id)).toContain(
      made[2]!.id,
    );
  });

  it('reports every history entry in a period with the task basics', async () => {
    const from = new Date().toISOString();
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    await caller.ask('task.reject', { taskId: task.id, technicianId: ivan, reason: 'busy' });
    const { rows } = await caller.ask('task.report', { from, assigneeId: ivan, status: 'rejected' });
    const mine = rows.filter((row) => row.taskId === task.id);
    expect(mine.map((row) => [row.action, row.from, row.to])).toEqual([
      ['create', null, 'new'],
      ['send', 'new', 'sent'],
      ['reject', 'sent', 'rejected'],
    ]);
    expect(mine[2]).toMatchObject({ number: task.number, title: task.title, byUserId: ivan, reason: 'busy' });
    expect(
      (await caller.ask('task.report', { from: new Date(Date.now() + 60_000).toISOString() })).rows,
    ).toEqual([]);
  });
});
