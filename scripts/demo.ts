/**
 * `npm run demo`: plays the joining story through the Telegram sandbox against the whole system
 * (every service in this process, on a database, vhost and Redis prefix of its own that are
 * removed afterwards) and prints it as a chat transcript with the admin's notifications.
 */
import { ApiClient, createTestEnv } from '@fieldgram/testkit/env';
import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import { ADMIN, startStack, type Stack } from '../e2e/support/stack.js';

const print = (line = '') => process.stdout.write(`${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function botReplies(stack: Stack, user: SandboxUser, after: number): Promise<number> {
  const event = await stack.sandbox.waitForEvent(stack.bot.token, user.id, (e) => e.kind === 'message', {
    after,
    timeoutMs: 15_000,
  });
  await pause(300); // let a burst of replies land before printing
  let last = after;
  for (const e of stack.sandbox.chatLog(stack.bot.token, user.id).filter((e) => e.seq > after)) {
    last = e.seq;
    if (e.kind !== 'message') continue;
    print(`  🤖 bot → ${user.firstName}: ${(e.message?.text ?? '').replace(/\n/g, '\n                ')}`);
    const keyboard = stack.sandbox.replyKeyboard(stack.bot.token, user.id);
    if (keyboard && e.seq === event.seq)
      print(
        `      [menu: ${keyboard.keyboard.map((row) => row.map((b) => (typeof b === 'string' ? b : b.text)).join(' | ')).join(' / ')}]`,
      );
  }
  return last;
}

function lastSeq(stack: Stack, user: SandboxUser): number {
  return stack.sandbox.chatLog(stack.bot.token, user.id).at(-1)?.seq ?? 0;
}

type Feed = Awaited<ReturnType<ApiClient['openNotificationStream']>>;

/** Prints the feed items that arrived since `shown`; returns the new count. */
async function printFeed(feed: Feed, shown: number, expected = 1): Promise<number> {
  for (let i = 0; i < 50 && feed.items.length < shown + expected; i++) await pause(100);
  for (const item of feed.items.slice(shown)) {
    print(`🔔 admin feed${item.sound ? ' (with sound)' : ''}: ${String(item.text)}`);
  }
  return feed.items.length;
}

function inlineButtons(event: {
  message?: { reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] } };
}) {
  return event.message?.reply_markup?.inline_keyboard?.flat() ?? [];
}

/** S0-06…S0-10: the admin dispatches a task to Ivan; client data reaches him only once released. */
async function playDispatch(stack: Stack, admin: ApiClient, feed: Feed, ivan: SandboxUser): Promise<void> {
  print('\n— Dispatch —\n');
  let shown = feed.items.length;
  const ivanRecord = ((await admin.call('GET', '/users?q=ivan_petrov')).body as { items: { id: string }[] })
    .items[0]!;
  const client = {
    name: 'Мария Соколова',
    phone: '+7 900 123-45-67',
    address: 'ул. Ленина, 5, кв. 12',
    notes: 'Домофон 12',
  };
  const task = (
    await admin.call('POST', '/tasks', {
      title: 'Заменить смеситель',
      area: 'Центральный район',
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      client,
    })
  ).body as { id: string; number: number };
  print(
    `👤 admin: POST /api/v1/tasks → task #${task.number} "Заменить смеситель" (client ${client.name}, ${client.address})`,
  );
  shown = await printFeed(feed, shown);
  await admin.call('POST', `/tasks/${task.id}/assign`, { technicianId: ivanRecord.id });
  print('👤 admin: assigns it to Ivan Petrov and presses "Send Task Info"');
  let seq = lastSeq(stack, ivan);
  await admin.call('POST', `/tasks/${task.id}/send`);
  const offer = await stack.sandbox.waitForEvent(
    stack.bot.token,
    ivan.id,
    (e) => e.kind === 'message' && inlineButtons(e).length > 0,
    { after: seq, timeoutMs: 15_000 },
  );
  seq = await botReplies(stack, ivan, seq);
  print(
    `      [buttons: ${inlineButtons(offer)
      .map((b) => b.text)
      .join(' | ')}]  — no client name, phone or address`,
  );
  shown = await printFeed(feed, shown);

  print(`\n  📱 Ivan taps "${inlineButtons(offer)[0]?.text}"`);
  await ivan.pressButton(stack.bot.token, offer.messageId!, inlineButtons(offer)[0]!.callback_data!);
  shown = await printFeed(feed, shown);
  const edit = await stack.sandbox
    .waitForEvent(stack.bot.token, ivan.id, (e) => e.kind === 'edit' && e.messageId === offer.messageId, {
      after: seq,
      timeoutMs: 5_000,
    })
    .catch(() => undefined);
  print(
    edit
      ? `  ✏️  the offer message is edited to: ${edit.message?.text ?? ''}`
      : '  (the offer message was not edited)',
  );

  print('\n👤 admin: presses "Send Client Info" (POST /api/v1/tasks/…/client-info)');
  await admin.call('POST', `/tasks/${task.id}/client-info`);
  const info = await stack.sandbox.waitForEvent(
    stack.bot.token,
    ivan.id,
    (e) => e.kind === 'message' && inlineButtons(e).length > 0,
    { after: seq, timeoutMs: 15_000 },
  );
  seq = await botReplies(stack, ivan, seq);
  print(
    `      [buttons: ${inlineButtons(info)
      .map((b) => b.text)
      .join(' | ')}]`,
  );
  shown = await printFeed(feed, shown);

  print(`\n  📱 Ivan finishes the job and taps "${inlineButtons(info)[0]?.text}"`);
  await ivan.pressButton(stack.bot.token, info.messageId!, inlineButtons(info)[0]!.callback_data!);
  await botReplies(stack, ivan, seq).catch(() => seq);
  await printFeed(feed, shown);

  const final = (await admin.call('GET', `/tasks/${task.id}`)).body as {
    status: string;
    history: { at: string; action: string; to: string }[];
  };
  print(`\n👤 admin: GET /api/v1/tasks/${task.id} → status ${final.status}; history:`);
  for (const entry of final.history)
    print(`      ${entry.at.slice(11, 19)}  ${entry.action.padEnd(20)} → ${entry.to}`);
  const csv = await fetch(`${stack.apiUrl}/reports/tasks?format=csv`, {
    headers: { authorization: `Bearer ${admin.token ?? ''}` },
  });
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  print(`\n👤 admin: GET /api/v1/reports/tasks?format=csv → ${lines.length - 1} rows; first lines:`);
  for (const line of lines.slice(0, 3)) print(`      ${line.slice(0, 150)}`);
}

async function main(): Promise<void> {
  print(
    'fieldgram demo: a technician and a client join through the bot, then a task is dispatched; the admin watches live.\n',
  );
  const env = await createTestEnv('demo');
  const stack = await startStack(env);
  try {
    const admin = await ApiClient.login(stack.apiUrl, ADMIN.login, ADMIN.password);
    const feed = await admin.openNotificationStream();
    const { link } = (await admin.call('GET', '/invites/join-link?role=technician')).body as { link: string };
    print(`👤 admin: logs in to the REST API and shares the technicians' join link\n      ${link}\n`);

    const ivan = stack.sandbox.createUser({
      firstName: 'Ivan',
      lastName: 'Petrov',
      username: 'ivan_petrov',
      languageCode: 'ru',
    });
    let seq = lastSeq(stack, ivan);
    print(
      `  📱 Ivan Petrov (@ivan_petrov) opens the link → /start ${new URL(link).searchParams.get('start')}`,
    );
    await ivan.sendCommand(stack.bot.token, 'start', new URL(link).searchParams.get('start') ?? undefined);
    seq = await botReplies(stack, ivan, seq);

    for (let i = 0; i < 50 && feed.items.length === 0; i++) await pause(100);
    for (const item of feed.items) {
      const actions = (item.actions as { label: string; href: string }[])
        .map((a) => `[${a.label} → ${a.href}]`)
        .join(' ');
      print(`\n🔔 admin feed${item.sound ? ' (with sound)' : ''}: ${String(item.text)} ${actions}`);
    }
    const shown = feed.items.length;

    print(`\n  📱 Ivan taps a menu button`);
    const keyboard = stack.sandbox.replyKeyboard(stack.bot.token, ivan.id);
    const firstButton = keyboard?.keyboard[0]?.[0];
    await ivan.sendText(
      stack.bot.token,
      typeof firstButton === 'string' ? firstButton : (firstButton?.text ?? 'Помощь'),
    );
    await botReplies(stack, ivan, seq);

    const olga = stack.sandbox.createUser({ firstName: 'Olga', username: 'olga_k', languageCode: 'en' });
    print(`\n  📱 Olga (@olga_k) finds the bot and presses Start → /start`);
    let olgaSeq = lastSeq(stack, olga);
    await olga.sendCommand(stack.bot.token, 'start');
    olgaSeq = await botReplies(stack, olga, olgaSeq);
    await pause(500);
    for (const item of feed.items.slice(shown))
      print(`\n🔔 admin feed${item.sound ? ' (with sound)' : ''}: ${String(item.text)}`);

    const users = (await admin.call('GET', '/users?pageSize=10')).body as {
      items: { id: string; name: string; role: string; username: string | null; telegramId: number | null }[];
    };
    print('\n👤 admin: GET /api/v1/users');
    for (const user of users.items)
      print(
        `      ${user.role.padEnd(10)} ${user.name.padEnd(16)} @${user.username ?? '-'}  telegram ${user.telegramId ?? '-'}`,
      );

    const olgaRecord = users.items.find((user) => user.username === 'olga_k');
    if (olgaRecord) {
      print(`\n👤 admin: deactivates Olga (PATCH /api/v1/users/${olgaRecord.id} {"active": false})`);
      await admin.call('PATCH', `/users/${olgaRecord.id}`, { active: false });
      print(`  📱 Olga writes "hello?"`);
      await olga.sendText(stack.bot.token, 'hello?');
      await botReplies(stack, olga, olgaSeq);
    }
    await playDispatch(stack, admin, feed, ivan);
    feed.close();
    print('\nDone. Everything above went through RabbitMQ, PostgreSQL and Redis; Telegram was the sandbox.');
  } finally {
    await stack.stop();
    await env.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
