// An unanswered offer reminds the technician, then tells the admins; an answer or a resend stops both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { newMessageId } from '@fieldgram/contracts';
import { asUser as as, sleep, useTestEnv, type Caller, type EventTap } from '@fieldgram/testkit';
import { REMINDER_QUEUE, reminderJobId, type ReminderJob } from '../src/reminders/offer-reminders.js';
import { newTask, startTask, type TaskRun } from './support/harness.js';

const env = useTestEnv('task-reminders');
let run: TaskRun;
let caller: Caller;
let tap: EventTap;
let ivan: string;
let petr: string;
const byAdmin = () => as(newMessageId());
const REMIND_MS = 300;
const ESCALATE_MS = 600;
/** Long enough for both jobs to have fired and their events to have been relayed. */
const SETTLE_MS = ESCALATE_MS + 1_500;

beforeAll(async () => {
  run = await startTask(env(), {
    TASK_REMINDER_DELAY_MS: String(REMIND_MS),
    TASK_ESCALATION_DELAY_MS: String(ESCALATE_MS),
  });
  ({ caller, tap } = run);
  ivan = run.peers.identity.technician('Ivan Tech');
  petr = run.peers.identity.technician('Petr Tech');
});
afterAll(async () => {
  await run?.stop();
});

const offerEvents = (taskId: string) =>
  tap.envelopes.filter(
    (e) =>
      e.data.taskId === taskId && (e.type === 'task.offer-reminded' || e.type === 'task.offer-unanswered'),
  );

describe('offer reminders', () => {
  it('reminds, then escalates an unanswered offer, once each', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    const sentAt = Date.now();
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    const reminded = await tap.next('task.offer-reminded', (d) => d.taskId === task.id);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(REMIND_MS - 50);
    expect(reminded.data).toMatchObject({ assigneeId: ivan, sendCount: 1, number: task.number });
    expect(reminded.actor).toEqual({ kind: 'system' });
    const unanswered = await tap.next('task.offer-unanswered', (d) => d.taskId === task.id);
    expect(unanswered.data).toMatchObject({ assigneeId: ivan, sendCount: 1 });
    await sleep(SETTLE_MS);
    expect(offerEvents(task.id).map((e) => e.type)).toEqual(['task.offer-reminded', 'task.offer-unanswered']);
  });

  it('fires neither after an accept', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    await caller.ask('task.accept', { taskId: task.id, technicianId: ivan });
    await sleep(SETTLE_MS);
    expect(offerEvents(task.id)).toEqual([]);
  });

  it('fires neither after a reassignment', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    await caller.ask('task.assign', { taskId: task.id, technicianId: petr }, byAdmin());
    await sleep(SETTLE_MS);
    expect(offerEvents(task.id)).toEqual([]);
  });

  it('makes the jobs of an earlier send inert after a resend', async () => {
    const task = await caller.ask('task.create', newTask({ assigneeId: ivan }), byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    await caller.ask('task.send', { taskId: task.id }, byAdmin());
    // A stale job of the first send that was not removed in time: it must find the offer outdated.
    const connection = new Redis(env().redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue<ReminderJob>(REMINDER_QUEUE, {
      connection,
      prefix: env().redisPrefix.replace(/:+$/, ''),
    });
    try {
      await queue.add(
        'remind',
        { taskId: task.id, sendCount: 1, assigneeId: ivan },
        { jobId: reminderJobId('remind', task.id, 1), delay: 50, removeOnComplete: true },
      );
      await tap.next('task.offer-unanswered', (d) => d.taskId === task.id);
      await sleep(SETTLE_MS);
    } finally {
      await queue.close();
      await connection.quit();
    }
    expect(offerEvents(task.id).map((e) => [e.type, e.data.sendCount])).toEqual([
      ['task.offer-reminded', 2],
      ['task.offer-unanswered', 2],
    ]);
  });
});
