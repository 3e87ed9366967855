// The technician's side of dispatch (issue 5), end to end: task events on the real bus →
// conversation → real bot-gateway → Telegram sandbox; presses back through the same path, with
// the real identity. The task service is a documented double at the bus boundary (TaskDouble).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import type { ChatEvent, SandboxUser } from '@fieldgram/telegram-sandbox';
import { t } from '@fieldgram/bot-ui';
import type { Task, User } from '@fieldgram/contracts';
import { FrontDoorStack } from './support/stack.js';
import { TaskDouble } from './support/task-double.js';

const env = useTestEnv('conversation-tasks');
let stack: FrontDoorStack;
let tasks: TaskDouble;

beforeAll(async () => {
  stack = await FrontDoorStack.start(env(), { orgLanguage: 'en' });
  tasks = await TaskDouble.start(env());
});
afterAll(async () => {
  await tasks?.stop();
  await stack?.stop();
});

const token = () => stack.bot.token;
const textOf = (event: ChatEvent | undefined) => event?.message?.text ?? '';
const buttonsOf = (event: ChatEvent | undefined) =>
  (event?.message?.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);

async function technician(firstName: string): Promise<{ tg: SandboxUser; user: User }> {
  const invite = await stack.ask('identity.create-invite', { role: 'technician' });
  const tg = stack.sandbox.createUser({ firstName, languageCode: 'en' });
  await tg.sendCommand(token(), 'start', new URL(invite.link).searchParams.get('start') ?? '');
  await stack.waitForBotMessages(tg.id, 1);
  return { tg, user: (await stack.userByTelegram(tg.id))! };
}

/** What task.sent says (the event carries no client block). */
async function send(task: Task, sendCount = 1): Promise<void> {
  await stack.conversation.runtime.publish('task.sent', {
    taskId: task.id,
    number: task.number,
    title: task.title,
    assigneeId: task.assigneeId!,
    area: task.area,
    description: task.description,
    scheduledAt: task.scheduledAt,
    sendCount,
  });
}

/** The bot's next message in a chat after `count` earlier ones. */
async function nextMessage(tg: SandboxUser, count: number): Promise<ChatEvent> {
  return (await stack.waitForBotMessages(tg.id, count + 1))[count]!;
}

async function press(tg: SandboxUser, messageId: number, data: string): Promise<string | undefined> {
  const pressed = await tg.pressButton(token(), messageId, data);
  const answer = await stack.sandbox.waitForEvent(
    token(),
    tg.id,
    (e) => e.kind === 'callback_answer' && e.params.callback_query_id === pressed.callbackQueryId,
  );
  return answer.params.text as string | undefined;
}

describe("the technician's task flow", () => {
  it('offer without client data; Accept by the assignee; a forged press by another technician changes nothing', async () => {
    const ann = await technician('Ann');
    const bob = await technician('Bob');
    const task = tasks.add({ title: 'Fix the boiler', assigneeId: ann.user.id });
    await send(task);

    const offer = await nextMessage(ann.tg, 1);
    expect(textOf(offer)).toContain(`Task #${task.number}: Fix the boiler`);
    expect(textOf(offer)).toContain('North district');
    expect(textOf(offer)).toContain('2026-11-21 14:00 UTC');
    for (const secret of ['Olga', '+7 900', 'Lenina', 'Dog']) expect(textOf(offer)).not.toContain(secret);
    expect(buttonsOf(offer)).toEqual([`task:accept:${task.id}`, `task:reject:${task.id}`]);

    // Bob forges Ann's Accept button (a message of his own carrying it).
    await stack.conversation.runtime.publish('tg.out', {
      idempotencyKey: `test:${bob.tg.id}:forged`,
      chatId: bob.tg.id,
      method: 'sendMessage',
      params: {
        text: 'forged',
        reply_markup: { inline_keyboard: [[{ text: 'Accept', callback_data: `task:accept:${task.id}` }]] },
      },
    });
    const forged = await nextMessage(bob.tg, 1);
    expect(await press(bob.tg, forged.messageId!, `task:accept:${task.id}`)).toBe(
      t('en', 'task.refused.forbidden'),
    );
    expect(tasks.tasks.get(task.id)!.status).toBe('sent');
    expect(tasks.callsOf('task.accept')).toEqual([{ taskId: task.id, technicianId: bob.user.id }]);

    expect(await press(ann.tg, offer.messageId!, `task:accept:${task.id}`)).toBe(t('en', 'task.accepted'));
    expect(tasks.tasks.get(task.id)!.status).toBe('accepted');
    // Pressed again: already answered → polite, nothing else sent.
    expect(await press(ann.tg, offer.messageId!, `task:accept:${task.id}`)).toBe(
      t('en', 'task.refused.conflict'),
    );
    await sleep(300);
    expect(stack.botMessages(ann.tg.id)).toHaveLength(2);
  });

  it("a technician's chosen language wins over their Telegram app's: offer and answers in Russian", async () => {
    const eva = await technician('Eva');
    await stack.ask('identity.update-user', { userId: eva.user.id, patch: { language: 'ru' } });
    const task = tasks.add({ title: 'Fix the boiler', assigneeId: eva.user.id });
    await send(task);
    const offer = await nextMessage(eva.tg, 1);
    expect(textOf(offer)).toContain(`Задача №${task.number}: Fix the boiler`);
    expect(textOf(offer)).toContain('Возьмёте?');
    expect(await press(eva.tg, offer.messageId!, `task:accept:${task.id}`)).toBe(t('ru', 'task.accepted'));
    await eva.tg.sendCommand(token(), 'help');
    expect(textOf(await nextMessage(eva.tg, 2))).toBe(t('ru', 'help.technician'));
  });

  it('Reject asks for a reason: a typed reason, or one tap on Skip', async () => {
    const cid = await technician('Cid');
    const first = tasks.add({ title: 'Paint the fence', assigneeId: cid.user.id });
    await send(first);
    const offer = await nextMessage(cid.tg, 1);
    await press(cid.tg, offer.messageId!, `task:reject:${first.id}`);
    const question = await nextMessage(cid.tg, 2);
    expect(textOf(question)).toBe(t('en', 'task.reject.ask', { number: first.number }));
    expect(buttonsOf(question)).toEqual([`task:skip:${first.id}`]);
    await cid.tg.sendText(token(), 'Too far away');
    expect(textOf(await nextMessage(cid.tg, 3))).toBe(t('en', 'task.rejected', { number: first.number }));
    expect(tasks.callsOf('task.reject')).toEqual([
      { taskId: first.id, technicianId: cid.user.id, reason: 'Too far away' },
    ]);

    const second = tasks.add({ title: 'Fix the door', assigneeId: cid.user.id });
    await send(second);
    const offer2 = await nextMessage(cid.tg, 4);
    await press(cid.tg, offer2.messageId!, `task:reject:${second.id}`);
    const question2 = await nextMessage(cid.tg, 5);
    expect(await press(cid.tg, question2.messageId!, `task:skip:${second.id}`)).toBe(
      t('en', 'task.rejected', { number: second.number }),
    );
    expect(tasks.callsOf('task.reject').at(-1)).toEqual({ taskId: second.id, technicianId: cid.user.id });
    expect(tasks.tasks.get(second.id)!.status).toBe('rejected');
  });

  it('client details with Mark as Completed; a reminder; My tasks paged', async () => {
    const dan = await technician('Dan');
    const task = tasks.add({ title: 'Install a sink', assigneeId: dan.user.id, status: 'client_info_sent' });
    await stack.conversation.runtime.publish('task.client-info-released', {
      taskId: task.id,
      number: task.number,
      title: task.title,
      assigneeId: dan.user.id,
      client: task.client,
    });
    const info = await nextMessage(dan.tg, 1);
    for (const part of ['Olga Ivanova', '+7 900 123-45-67', 'Lenina 1, apt 5', 'Dog at home'])
      expect(textOf(info)).toContain(part);
    expect(buttonsOf(info)).toEqual([`task:complete:${task.id}`]);
    expect(await press(dan.tg, info.messageId!, `task:complete:${task.id}`)).toBe(
      t('en', 'task.completed', { number: task.number }),
    );
    expect(tasks.callsOf('task.complete')).toEqual([{ taskId: task.id, technicianId: dan.user.id }]);
    // The client details stay; the button goes.
    await waitFor(
      () =>
        stack.sandbox
          .messages(token(), dan.tg.id)
          .find((m) => m.message_id === info.messageId && !m.reply_markup),
      {
        message: 'the Mark as Completed button removed',
      },
    );

    const waiting = tasks.add({ title: 'Check the meter', assigneeId: dan.user.id });
    await stack.conversation.runtime.publish('task.offer-reminded', {
      taskId: waiting.id,
      number: waiting.number,
      title: waiting.title,
      assigneeId: dan.user.id,
      sendCount: 1,
    });
    // Waits for the reminder itself: counting messages raced with the completion's own reply.
    const reminderText = t('en', 'task.reminder', { number: waiting.number, title: 'Check the meter' });
    const reminder = await waitFor(
      () => {
        const sent = stack.botMessages(dan.tg.id);
        return sent.some((event) => textOf(event) === reminderText) ? sent : undefined;
      },
      { message: 'the reminder', timeoutMs: 10_000 },
    );
    expect(reminder.map(textOf)).toContain(
      t('en', 'task.reminder', { number: waiting.number, title: 'Check the meter' }),
    );

    for (let n = 0; n < 10; n++)
      tasks.add({ title: `Job ${n}`, assigneeId: dan.user.id, status: 'accepted' });
    const before = stack.botMessages(dan.tg.id).length;
    await dan.tg.sendText(token(), '📋 My tasks');
    const page1 = await nextMessage(dan.tg, before);
    expect(textOf(page1)).toContain(t('en', 'task.list.title', { total: 12 }));
    expect(textOf(page1).split('\n')).toHaveLength(11);
    expect(buttonsOf(page1)).toEqual(['pg:noop:1', 'pg:tasks:2']);
    await press(dan.tg, page1.messageId!, 'pg:tasks:2');
    const page2 = await nextMessage(dan.tg, before + 1);
    expect(textOf(page2)).toContain(`#${task.number} Install a sink — completed`);
    expect(buttonsOf(page2)).toEqual(['pg:tasks:1', 'pg:noop:2']);
  });
});
