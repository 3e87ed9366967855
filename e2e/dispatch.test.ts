// Issue 5, end to end: an admin dispatches a task through the bot (S0-06…S0-10, S0-13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import { ADMIN, startStack, type Stack } from './support/stack.js';
import { forgePress } from './support/forged-press.js';

const env = useTestEnv('e2e-dispatch');
let stack: Stack;
let admin: ApiClient;
let feed: Awaited<ReturnType<ApiClient['openNotificationStream']>>;
let joinPayload: string;

const CLIENT = {
  name: 'Мария Соколова',
  phone: '+79001234567',
  address: 'ул. Ленина, 5, кв. 12',
  notes: 'Домофон 12',
};

async function joinTechnician(
  firstName: string,
  username: string,
): Promise<{ user: SandboxUser; id: string }> {
  const user = stack.sandbox.createUser({ firstName, username, languageCode: 'en' });
  await user.sendCommand(stack.bot.token, 'start', joinPayload);
  const found = await waitFor(
    async () =>
      ((await admin.call('GET', `/users?q=${username}`)).body as { items: { id: string }[] }).items[0],
    { message: `${firstName} registered` },
  );
  return { user, id: found.id };
}

function messagesTo(user: SandboxUser) {
  return stack.sandbox.chatLog(stack.bot.token, user.id).filter((e) => e.kind === 'message');
}

beforeAll(async () => {
  stack = await startStack(env(), { reminderDelayMs: 1_500, escalationDelayMs: 4_000 });
  admin = await ApiClient.login(stack.apiUrl, ADMIN.login, ADMIN.password);
  feed = await admin.openNotificationStream();
  const { link } = (await admin.call('GET', '/invites/join-link?role=technician')).body as { link: string };
  joinPayload = new URL(link).searchParams.get('start')!;
});
afterAll(async () => {
  feed?.close();
  await stack?.stop();
});

describe('technician dispatch', () => {
  it('create → assign → send → accept → client info → completed, with no client data before release', async () => {
    const tech = await joinTechnician('Pavel', 'pavel_t');
    const created = await admin.call('POST', '/tasks', {
      title: 'Fix the boiler',
      area: 'Центральный район',
      scheduledAt: '2030-05-17T09:30:00.000Z',
      description: 'The boiler in the basement leaks',
      client: CLIENT,
    });
    expect(created.status).toBe(201);
    const task = created.body as { id: string; number: number };
    expect((await admin.call('POST', `/tasks/${task.id}/assign`, { technicianId: tech.id })).status).toBe(
      200,
    );
    expect((await admin.call('POST', `/tasks/${task.id}/send`)).status).toBe(200);

    const offer = await stack.sandbox.waitForEvent(
      stack.bot.token,
      tech.user.id,
      (e) => e.kind === 'message' && (e.message?.text ?? '').includes('Fix the boiler'),
      { timeoutMs: 10_000 },
    );
    const offerText = offer.message?.text ?? '';
    expect(offerText).toContain('Центральный район');
    for (const secret of [CLIENT.name, CLIENT.phone, CLIENT.address]) expect(offerText).not.toContain(secret);

    const accept = offer.message?.reply_markup?.inline_keyboard
      ?.flat()
      .find((b) => /accept|принять/i.test(b.text));
    await tech.user.pressButton(stack.bot.token, offer.messageId!, accept!.callback_data!);
    await waitFor(() => feed.items.find((i) => String(i.text) === `Задача №${task.number} принята (Pavel)`), {
      message: 'accepted by (name) in the feed',
    });
    const edit = await stack.sandbox.waitForEvent(
      stack.bot.token,
      tech.user.id,
      (e) => e.kind === 'edit' && e.messageId === offer.messageId,
      { after: offer.seq, timeoutMs: 10_000 },
    );
    // The edited offer keeps its details (area, time, description) and says it was accepted.
    const edited = edit.message?.text ?? '';
    for (const detail of [
      `Task #${task.number}: Fix the boiler`,
      'Центральный район',
      '2030-05-17 09:30 UTC',
      'The boiler in the basement leaks',
    ])
      expect(edited).toContain(detail);
    expect(edited.split('\n').at(-1)).toBe('✅ Accepted');
    expect(edited).not.toContain('Will you take it?');
    const offerNow = stack.sandbox
      .messages(stack.bot.token, tech.user.id)
      .find((m) => m.message_id === offer.messageId);
    expect(offerNow?.reply_markup?.inline_keyboard?.flat() ?? []).toHaveLength(0);

    expect((await admin.call('POST', `/tasks/${task.id}/client-info`)).status).toBe(200);
    const info = await stack.sandbox.waitForEvent(
      stack.bot.token,
      tech.user.id,
      (e) => e.kind === 'message' && (e.message?.text ?? '').includes(CLIENT.phone),
      { timeoutMs: 10_000 },
    );
    expect(info.message?.text).toContain(CLIENT.address);
    const complete = info.message?.reply_markup?.inline_keyboard
      ?.flat()
      .find((b) => /complete|выполн/i.test(b.text));
    await tech.user.pressButton(stack.bot.token, info.messageId!, complete!.callback_data!);
    await waitFor(
      async () =>
        ((await admin.call('GET', `/tasks/${task.id}`)).body as { status: string }).status === 'completed',
      { message: 'completed' },
    );
    const done = (await admin.call('GET', `/tasks/${task.id}`)).body as {
      history: { action: string; to: string }[];
    };
    expect(done.history.map((h) => `${h.action}→${h.to}`)).toEqual([
      'create→new',
      'assign→new',
      'send→sent',
      'accept→accepted',
      'release-client-info→client_info_sent',
      'complete→completed',
    ]);
    const completed = await waitFor(
      () => feed.items.find((i) => String(i.text).startsWith(`Задача №${task.number} выполнена`)),
      { message: 'completed notification in the feed' },
    );
    expect(completed.sound).toBe(true);
    expect(messagesTo(tech.user).length).toBeGreaterThan(2);
  });

  async function createAndSend(title: string, technicianId: string): Promise<{ id: string; number: number }> {
    const task = (await admin.call('POST', '/tasks', { title, area: 'Южный район', client: CLIENT }))
      .body as { id: string; number: number };
    expect((await admin.call('POST', `/tasks/${task.id}/assign`, { technicianId })).status).toBe(200);
    expect((await admin.call('POST', `/tasks/${task.id}/send`)).status).toBe(200);
    return task;
  }

  async function offerTo(user: SandboxUser, title: string, after = 0) {
    return stack.sandbox.waitForEvent(
      stack.bot.token,
      user.id,
      (e) =>
        e.kind === 'message' && (e.message?.text ?? '').includes(title) && Boolean(e.message?.reply_markup),
      { timeoutMs: 10_000, after },
    );
  }

  function button(
    event: {
      message?: { reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] } };
    },
    label: RegExp,
  ) {
    return event.message?.reply_markup?.inline_keyboard?.flat().find((b) => label.test(b.text))
      ?.callback_data;
  }

  it('reject with a reason tells the admin; after a reassignment the old buttons do nothing; resend works', async () => {
    const olga = await joinTechnician('Olga', 'olga_t');
    const semen = await joinTechnician('Semen', 'semen_t');
    const task = await createAndSend('Replace the meter', olga.id);
    const offer = await offerTo(olga.user, 'Replace the meter');
    await olga.user.pressButton(stack.bot.token, offer.messageId!, button(offer, /reject/i)!);
    const ask = await stack.sandbox.waitForEvent(stack.bot.token, olga.user.id, (e) => e.kind === 'message', {
      after: offer.seq,
    });
    await olga.user.sendText(stack.bot.token, 'Too far for me today');
    await waitFor(
      () =>
        feed.items.find(
          (i) => String(i.text) === `Задача №${task.number} отклонена (Olga): Too far for me today`,
        ),
      {
        message: 'rejected by (name): reason in the feed',
      },
    );
    expect(ask.message?.text).toBeTruthy();
    // The bot confirms the rejection to Olga; everything after this point must be silence.
    await stack.sandbox.waitForEvent(stack.bot.token, olga.user.id, (e) => e.kind === 'message', {
      after: ask.seq,
    });

    expect((await admin.call('POST', `/tasks/${task.id}/assign`, { technicianId: semen.id })).status).toBe(
      200,
    );
    expect((await admin.call('POST', `/tasks/${task.id}/send`)).status).toBe(200);
    const semenOffer = await offerTo(semen.user, 'Replace the meter');

    // Olga's old Accept button: a polite answer and no effect.
    const before = stack.sandbox.chatLog(stack.bot.token, olga.user.id).at(-1)!.seq;
    await olga.user
      .pressButton(stack.bot.token, offer.messageId!, button(offer, /accept/i) ?? `task:accept:${task.id}`)
      .catch(() => undefined);
    await sleep(800);
    expect(
      (await admin.call('GET', `/tasks/${task.id}`)).body as { status: string; assigneeId: string },
    ).toMatchObject({ status: 'sent', assigneeId: semen.id });
    expect(
      stack.sandbox
        .chatLog(stack.bot.token, olga.user.id)
        .filter((e) => e.seq > before && e.kind === 'message'),
    ).toHaveLength(0);

    // Resend to the same technician: a fresh offer that can be accepted.
    expect((await admin.call('POST', `/tasks/${task.id}/send`)).status).toBe(200);
    const again = await offerTo(semen.user, 'Replace the meter', semenOffer.seq);
    await semen.user.pressButton(stack.bot.token, again.messageId!, button(again, /accept/i)!);
    await waitFor(
      async () =>
        ((await admin.call('GET', `/tasks/${task.id}`)).body as { status: string }).status === 'accepted',
      {
        message: 'accepted after the resend',
      },
    );
  });

  it("another technician's forged task:accept press changes nothing and gets a polite answer", async () => {
    const owner = await joinTechnician('Oleg', 'oleg_t');
    const intruder = await joinTechnician('Igor', 'igor_t');
    const task = await createAndSend('Install the sink', owner.id);
    await offerTo(owner.user, 'Install the sink');

    const forged = await forgePress(env().amqpUrl, intruder.user, `task:accept:${task.id}`);
    expect(forged.answer).toBeTruthy();
    expect(((await admin.call('GET', `/tasks/${task.id}`)).body as { status: string }).status).toBe('sent');
  });

  it('an unanswered offer gets a reminder, then the admin is told; an answered one gets neither', async () => {
    const quiet = await joinTechnician('Quiet', 'quiet_t');
    const silent = await createAndSend('Check the wiring', quiet.id);
    const offer = await offerTo(quiet.user, 'Check the wiring');
    await stack.sandbox.waitForEvent(
      stack.bot.token,
      quiet.user.id,
      (e) => e.kind === 'message' && (e.message?.text ?? '').includes(`#${silent.number}`),
      {
        after: offer.seq,
        timeoutMs: 10_000,
      },
    );
    await waitFor(
      () => feed.items.find((i) => String(i.text) === `Нет ответа от (Quiet) по задаче №${silent.number}`),
      {
        message: 'the admin escalation',
        timeoutMs: 15_000,
      },
    );

    const quick = await joinTechnician('Quick', 'quick_t');
    const answered = await createAndSend('Fix the tap', quick.id);
    const quickOffer = await offerTo(quick.user, 'Fix the tap');
    await quick.user.pressButton(stack.bot.token, quickOffer.messageId!, button(quickOffer, /accept/i)!);
    await waitFor(
      async () =>
        ((await admin.call('GET', `/tasks/${answered.id}`)).body as { status: string }).status === 'accepted',
      {
        message: 'accepted',
      },
    );
    await sleep(4_500);
    expect(feed.items.some((i) => String(i.text).includes(`по задаче №${answered.number}`))).toBe(false);
    const reminders = stack.sandbox
      .chatLog(stack.bot.token, quick.user.id)
      .filter(
        (e) =>
          e.seq > quickOffer.seq &&
          e.kind === 'message' &&
          (e.message?.text ?? '').includes(`#${answered.number}`),
      );
    expect(reminders).toHaveLength(0);
  });

  it('sending without an assignee, or completing a task never accepted → 409 with a clear reason', async () => {
    const task = (await admin.call('POST', '/tasks', { title: 'Unassigned', area: 'Север', client: CLIENT }))
      .body as { id: string };
    const send = await admin.call('POST', `/tasks/${task.id}/send`);
    expect(send.status).toBe(409);
    expect(JSON.stringify(send.body)).toMatch(/assign/i);
    const complete = await admin.call('POST', `/tasks/${task.id}/complete`);
    expect(complete.status).toBe(409);
    expect(JSON.stringify(complete.body)).toMatch(/accept/i);
  });
});
