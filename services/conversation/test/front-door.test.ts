// The bot's front door end to end (issue 4): Telegram sandbox → bot-gateway → conversation ⇄
// identity → tg.out → bot-gateway → sandbox, all real, on real RabbitMQ, Postgres and Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import { mainMenuKeyboard, t } from '@fieldgram/bot-ui';
import { createEnvelope } from '@fieldgram/contracts';
import { UPDATES_QUEUE } from '../src/service.js';
import { FrontDoorStack } from './support/stack.js';

const env = useTestEnv('conversation');
let stack: FrontDoorStack;

beforeAll(async () => {
  stack = await FrontDoorStack.start(env(), { orgLanguage: 'ru' });
});
afterAll(async () => {
  await stack?.stop();
});

/** The deep link's start parameter: what Telegram passes to the bot when the link is opened. */
const payloadOf = (link: string) => new URL(link).searchParams.get('start') ?? '';

/** Long enough for an unexpected extra reply to show up. */
const SETTLE_MS = 400;

const textOf = (event: { message?: { text?: string } }) => event.message?.text;
const keyboardTexts = (user: SandboxUser) =>
  stack.sandbox.replyKeyboard(stack.bot.token, user.id)?.keyboard.map((row) => row.map((b) => b.text));
const menuTexts = (...args: Parameters<typeof mainMenuKeyboard>) =>
  mainMenuKeyboard(...args).keyboard.map((row) => row.map((b) => b.text));

/** A sent update that conversation has handled (acknowledged), however it ended. */
async function handled(count: number): Promise<void> {
  await waitFor(
    async () =>
      (await FrontDoorStack.consumed(stack.conversation.runtime, UPDATES_QUEUE)) >= count || undefined,
    { message: `${count} updates handled by conversation`, timeoutMs: 10_000 },
  );
}

describe('/start', () => {
  it("with the technicians' invite: a technician, welcomed by name in their language, with the technician menu", async () => {
    const invite = await stack.ask('identity.create-invite', { role: 'technician', maxUses: 100 });
    const ivan = stack.sandbox.createUser({
      firstName: 'Иван',
      lastName: 'Петров',
      username: 'ivan_p',
      languageCode: 'ru',
    });
    await ivan.sendCommand(stack.bot.token, 'start', payloadOf(invite.link));

    const [welcome] = await stack.waitForBotMessages(ivan.id, 1);
    expect(textOf(welcome!)).toBe(
      'Добро пожаловать, Иван Петров! Вы зарегистрированы как техник. Новые задачи будут приходить сюда.',
    );
    expect(keyboardTexts(ivan)).toEqual(menuTexts('technician', 'ru'));
    expect(keyboardTexts(ivan)?.flat()).toEqual(['📋 Мои задачи', '❓ Помощь']);
    const user = await stack.userByTelegram(ivan.id);
    expect(user).toMatchObject({ role: 'technician', username: 'ivan_p', active: true });
  });

  it('without a payload: a client (S3-06); an English user is answered in English', async () => {
    const ann = stack.sandbox.createUser({ firstName: 'Ann', lastName: 'Lee', languageCode: 'en' });
    await ann.sendCommand(stack.bot.token, 'start');

    const [welcome] = await stack.waitForBotMessages(ann.id, 1);
    expect(textOf(welcome!)).toBe(
      'Welcome, Ann Lee! Use the menu below to create a waybill, file a claim or call your manager.',
    );
    expect(keyboardTexts(ann)).toEqual([
      ['📦 New waybill', '📝 New claim'],
      ['🗂 My waybills', '📞 Call my manager'],
      ['❓ Help'],
    ]);
    expect(await stack.userByTelegram(ann.id)).toMatchObject({ role: 'client' });
  });

  it("uses Russian for uk, English for other languages, and the organization's language when Telegram says none", async () => {
    const cases = [
      {
        user: stack.sandbox.createUser({ firstName: 'Olena', languageCode: 'uk' }),
        expected: /^Добро пожаловать, Olena!/,
      },
      {
        user: stack.sandbox.createUser({ firstName: 'Hans', languageCode: 'de' }),
        expected: /^Welcome, Hans!/,
      },
      { user: stack.sandbox.createUser({ firstName: 'Nobody' }), expected: /^Добро пожаловать, Nobody!/ },
    ];
    await Promise.all(cases.map(({ user }) => user.sendCommand(stack.bot.token, 'start')));
    for (const { user, expected } of cases) {
      const [welcome] = await stack.waitForBotMessages(user.id, 1);
      expect(textOf(welcome!)).toMatch(expected);
    }
  });

  it('a second /start: welcome back, and nothing new is created', async () => {
    const invite = await stack.ask('identity.create-invite', { role: 'technician' });
    const bob = stack.sandbox.createUser({ firstName: 'Bob', languageCode: 'en' });
    await bob.sendCommand(stack.bot.token, 'start', payloadOf(invite.link));
    await stack.waitForBotMessages(bob.id, 1);
    const first = await stack.userByTelegram(bob.id);

    await bob.sendCommand(stack.bot.token, 'start');
    const replies = await stack.waitForBotMessages(bob.id, 2);
    expect(textOf(replies[1]!)).toBe('Welcome back, Bob! The menu is below.');
    expect(keyboardTexts(bob)).toEqual(menuTexts('technician', 'en'));
    expect(await stack.userByTelegram(bob.id)).toMatchObject({ id: first!.id, role: 'technician' });
    await sleep(SETTLE_MS);
    expect(stack.botMessages(bob.id)).toHaveLength(2);
  });

  it('with a used-up invite: registered as a client and told politely', async () => {
    const invite = await stack.ask('identity.create-invite', { role: 'technician', maxUses: 1 });
    const first = stack.sandbox.createUser({ firstName: 'First', languageCode: 'en' });
    const late = stack.sandbox.createUser({ firstName: 'Late', languageCode: 'en' });
    await first.sendCommand(stack.bot.token, 'start', payloadOf(invite.link));
    await stack.waitForBotMessages(first.id, 1);
    await late.sendCommand(stack.bot.token, 'start', payloadOf(invite.link));

    const [reply] = await stack.waitForBotMessages(late.id, 1);
    expect(textOf(reply!)).toMatch(/invite link has expired or has already been used up/);
    expect(keyboardTexts(late)).toEqual(menuTexts('client', 'en'));
    expect(await stack.userByTelegram(late.id)).toMatchObject({ role: 'client' });
  });
});

describe('/start with a Telegram link token (S2-01, S2-02)', () => {
  it("connects the Telegram account to the person's account; a used link is refused politely", async () => {
    const person = await stack.ask('identity.create-user', { role: 'manager', name: 'Mila Manager' });
    const link = await stack.ask('identity.create-telegram-link', { userId: person.id });
    const mila = stack.sandbox.createUser({ firstName: 'Mila', languageCode: 'en' });
    await mila.sendCommand(stack.bot.token, 'start', payloadOf(link.link));
    const [connected] = await stack.waitForBotMessages(mila.id, 1);
    expect(textOf(connected!)).toBe(
      "Your Telegram is now connected to Mila Manager's account. Notifications will come here.",
    );
    expect(keyboardTexts(mila)).toEqual(menuTexts('manager', 'en'));
    expect(await stack.userByTelegram(mila.id)).toMatchObject({ id: person.id, role: 'manager' });

    const other = stack.sandbox.createUser({ firstName: 'Other', languageCode: 'ru' });
    await other.sendCommand(stack.bot.token, 'start', payloadOf(link.link));
    const [refused] = await stack.waitForBotMessages(other.id, 1);
    expect(textOf(refused!)).toBe(t('ru', 'start.linkInvalid'));
  });
});

describe('every other update', () => {
  it('first contact by plain text registers the sender and welcomes them', async () => {
    const zoe = stack.sandbox.createUser({ firstName: 'Zoe', languageCode: 'en' });
    await zoe.sendText(stack.bot.token, 'hello?');
    const [welcome] = await stack.waitForBotMessages(zoe.id, 1);
    expect(textOf(welcome!)).toMatch(/^Welcome, Zoe!/);
    expect(await stack.userByTelegram(zoe.id)).toMatchObject({ role: 'client' });
  });

  it('menu buttons, free text, /help, a contact and a stale inline button each get their answer', async () => {
    const kim = stack.sandbox.createUser({ firstName: 'Kim', languageCode: 'en' });
    const token = stack.bot.token;
    await kim.sendCommand(token, 'start');
    await stack.waitForBotMessages(kim.id, 1);

    // A button whose flow is not built yet (the chat with the manager, the next issue).
    await kim.sendText(token, '📞 Call my manager');
    await kim.sendText(token, 'what is this?');
    await kim.sendCommand(token, 'help');
    await kim.sendContact(token, { phoneNumber: '+79990001122' });
    const replies = (await stack.waitForBotMessages(kim.id, 5)).slice(1).map(textOf);
    expect(replies).toEqual([
      t('en', 'menu.comingSoon', { item: 'Call my manager' }),
      t('en', 'fallback.text'),
      t('en', 'help.client'),
      t('en', 'contact.thanks'),
    ]);

    // A button from some earlier message whose flow is gone: a polite answer, no effect.
    const sent = await stack.conversation.runtime.publish('tg.out', {
      idempotencyKey: `test:${kim.id}:old-offer`,
      chatId: kim.id,
      method: 'sendMessage',
      params: {
        text: 'An old offer',
        reply_markup: { inline_keyboard: [[{ text: 'Accept', callback_data: 'task:accept:0194f1a2' }]] },
      },
    });
    expect(sent.type).toBe('tg.out');
    const [offer] = (await stack.waitForBotMessages(kim.id, 6)).slice(5);
    const press = await kim.pressButton(token, offer!.messageId!, 'task:accept:0194f1a2');
    const answer = await stack.sandbox.waitForEvent(token, kim.id, (e) => e.kind === 'callback_answer');
    expect(answer.params).toMatchObject({
      callback_query_id: press.callbackQueryId,
      text: 'This button is no longer active.',
    });
  });

  it('an inactive user gets exactly one blocked message per update and nothing else; reactivated, they are served again', async () => {
    const token = stack.bot.token;
    const max = stack.sandbox.createUser({ firstName: 'Max', languageCode: 'en' });
    await max.sendCommand(token, 'start');
    await stack.waitForBotMessages(max.id, 1);
    const user = await stack.userByTelegram(max.id);
    await stack.ask('identity.update-user', { userId: user!.id, patch: { active: false } });

    const before = await FrontDoorStack.consumed(stack.conversation.runtime, UPDATES_QUEUE);
    await max.sendText(token, 'let me in');
    await max.sendText(token, '📦 New waybill');
    const invite = await stack.ask('identity.create-invite', { role: 'technician' });
    await max.sendCommand(token, 'start', payloadOf(invite.link)); // coming back with an invite changes nothing
    await handled(before + 3);
    const blocked = await stack.waitForBotMessages(max.id, 4);
    await sleep(SETTLE_MS);
    expect(stack.botMessages(max.id).slice(1).map(textOf)).toEqual([
      t('en', 'access.blocked'),
      t('en', 'access.blocked'),
      t('en', 'access.blocked'),
    ]);
    expect(blocked).toHaveLength(4);
    expect(stack.sandbox.replyKeyboard(token, max.id)).toBeUndefined(); // the menu is taken away
    expect(await stack.userByTelegram(max.id)).toMatchObject({ role: 'client', active: false });

    await stack.ask('identity.update-user', { userId: user!.id, patch: { active: true } });
    await max.sendText(token, '❓ Help');
    const [, , , , served] = await stack.waitForBotMessages(max.id, 5);
    expect(textOf(served!)).toBe(t('en', 'help.client'));
    expect(keyboardTexts(max)).toEqual(menuTexts('client', 'en'));
  });
});

describe('sessions and chat membership', () => {
  it("keeps the chat's language in a session, and drops it when the user blocks the bot", async () => {
    const token = stack.bot.token;
    const una = stack.sandbox.createUser({ firstName: 'Una', languageCode: 'en' });
    await una.sendCommand(token, 'start');
    await stack.waitForBotMessages(una.id, 1);
    await waitFor(async () => (await stack.conversation.sessions.get(una.id))?.lang === 'en' || undefined, {
      message: "Una's session",
    });

    await una.blockBot(token);
    await waitFor(async () => (await stack.conversation.sessions.get(una.id)) === undefined || undefined, {
      message: "Una's session dropped",
    });
    expect(stack.botMessages(una.id)).toHaveLength(1);
  });

  it('joining the chat (my_chat_member) registers no one: the invite of the /start that follows decides', async () => {
    const token = stack.bot.token;
    const vic = stack.sandbox.createUser({ firstName: 'Vic', languageCode: 'en' });
    const before = await FrontDoorStack.consumed(stack.conversation.runtime, UPDATES_QUEUE);
    await vic.blockBot(token);
    await vic.unblockBot(token);
    await handled(before + 2);
    expect(await stack.userByTelegram(vic.id)).toBeNull();

    const invite = await stack.ask('identity.create-invite', { role: 'technician' });
    await vic.sendCommand(token, 'start', payloadOf(invite.link));
    const [welcome] = await stack.waitForBotMessages(vic.id, 1);
    expect(textOf(welcome!)).toMatch(/registered as a technician/);
  });
});

describe('nothing twice, nothing out of order', () => {
  it('an update Telegram redelivers is answered once', async () => {
    const token = stack.bot.token;
    const lea = stack.sandbox.createUser({ firstName: 'Lea', languageCode: 'en' });
    const sent = await lea.sendCommand(token, 'start');
    await stack.waitForBotMessages(lea.id, 1);
    const duplicatesBefore = stack.gateway.intakeCounts.duplicate;

    stack.sandbox.redeliver(token, sent.updateId, 2);
    await waitFor(() => stack.gateway.intakeCounts.duplicate >= duplicatesBefore + 2 || undefined, {
      message: 'the redelivered update seen by the gateway',
    });
    await sleep(SETTLE_MS);
    expect(stack.botMessages(lea.id)).toHaveLength(1);
  });

  it('the same tg.in event handled again (a crash before its ack) sends nothing twice', async () => {
    const token = stack.bot.token;
    const invite = await stack.ask('identity.create-invite', { role: 'technician' });
    const tom = stack.sandbox.createUser({ firstName: 'Tom', languageCode: 'en' });
    const sent = await tom.sendCommand(token, 'start', payloadOf(invite.link));
    const [welcome] = await stack.waitForBotMessages(tom.id, 1);
    expect(textOf(welcome!)).toMatch(/registered as a technician/);

    const event = await stack.tap.find('tg.in.command', sent.updateId);
    const gatewayQueue = 'bot-gateway.tg-out';
    const duplicatesBefore = await FrontDoorStack.consumed(stack.gateway.runtime, gatewayQueue, 'duplicate');
    await stack.tap.republish(event);
    // Handled again, identity now says "existing"; its reply has the same key and is not sent.
    await waitFor(
      async () =>
        (await FrontDoorStack.consumed(stack.gateway.runtime, gatewayQueue, 'duplicate')) >
          duplicatesBefore || undefined,
      { message: 'the repeated reply recognized by the gateway', timeoutMs: 10_000 },
    );
    await sleep(SETTLE_MS);
    expect(stack.botMessages(tom.id).map(textOf)).toEqual([textOf(welcome!)]);
  });

  it("one chat's updates are answered in order while chats run side by side", async () => {
    const token = stack.bot.token;
    const users = [
      stack.sandbox.createUser({ firstName: 'Rapid', languageCode: 'en' }),
      stack.sandbox.createUser({ firstName: 'Quick', languageCode: 'ru' }),
    ];
    for (const user of users) await user.sendCommand(token, 'start');
    await Promise.all(users.map((user) => stack.waitForBotMessages(user.id, 1)));

    const sentIds = new Map<number, number[]>(users.map((user) => [user.id, []]));
    for (let index = 1; index <= 20; index++) {
      for (const user of users) {
        const sent = await user.sendText(token, `message ${index}`);
        sentIds.get(user.id)!.push(sent.messageId);
      }
    }
    for (const user of users) {
      const replies = (await stack.waitForBotMessages(user.id, 21, 20_000)).slice(1);
      expect(replies.map((reply) => reply.message?.reply_to_message?.message_id)).toEqual(
        sentIds.get(user.id),
      );
    }
  });

  it("stays in order when a chat's updates reach conversation all at once", async () => {
    const token = stack.bot.token;
    const eve = stack.sandbox.createUser({ firstName: 'Eve', languageCode: 'en' });
    await eve.sendCommand(token, 'start');
    await stack.waitForBotMessages(eve.id, 1);
    // 30 texts already on the queue together, as after a backlog: many are taken at once.
    const messageIds = Array.from({ length: 30 }, (_, index) => 1_000 + index);
    await stack.tap.burst(
      messageIds.map((messageId) =>
        createEnvelope({
          type: 'tg.in.message',
          source: 'bot-gateway',
          partitionKey: `chat:${eve.id}`,
          data: {
            updateId: 900_000 + messageId,
            chat: { id: eve.id, type: 'private' },
            from: { id: eve.id, isBot: false, firstName: 'Eve', languageCode: 'en' },
            date: Math.floor(Date.now() / 1000),
            messageId,
            text: `burst ${messageId}`,
          },
        }),
      ),
    );
    const replies = (await stack.waitForBotMessages(eve.id, 31, 20_000)).slice(1);
    const quoted = replies.map(
      (reply) => (reply.params.reply_parameters as { message_id?: number } | undefined)?.message_id,
    );
    expect(quoted).toEqual(messageIds);
  });
});
