// Issue 5, end to end: an admin dispatches a task through the bot (S0-06…S0-10, S0-13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import { ADMIN, startStack, type Stack } from './support/stack.js';
import { ApiClient } from './support/api-client.js';

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
  stack = await startStack(env());
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
    await waitFor(
      () =>
        feed.items.find(
          (i) => /accepted by|принята/i.test(String(i.text)) && String(i.text).includes('Pavel'),
        ),
      { message: 'accepted notification' },
    );

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
    const done = (await admin.call('GET', `/tasks/${task.id}`)).body as { history: { to: string }[] };
    expect(done.history.map((h) => h.to)).toEqual([
      'new',
      'sent',
      'accepted',
      'client_info_sent',
      'completed',
    ]);
    expect(messagesTo(tech.user).length).toBeGreaterThan(2);
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
