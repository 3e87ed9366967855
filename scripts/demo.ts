/**
 * `npm run demo [-- --lang ru|en]`: plays the joining, dispatch and invoice stories through the
 * Telegram sandbox against the whole system (every service in this process, on a database, vhost
 * and Redis prefix of its own that are removed afterwards) and prints them as a chat transcript
 * with the admin's notifications. One language throughout (default en): the simulated users'
 * Telegram apps, every service's ORG_LANGUAGE, the narration and the story's data.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient, createTestEnv } from '@fieldgram/testkit/env';
import type { ChatEvent, SandboxUser } from '@fieldgram/telegram-sandbox';
import { ADMIN, startStack, type Stack } from '../e2e/support/stack.js';
import { CAST, type Cast } from './demo/cast.js';
import { NARRATION, type Narration } from './demo/narration.js';

type Lang = keyof typeof NARRATION;
type Feed = Awaited<ReturnType<ApiClient['openNotificationStream']>>;

interface Demo {
  stack: Stack;
  admin: ApiClient;
  feed: Feed;
  say: Narration;
  cast: Cast;
  lang: Lang;
}

const print = (line = '') => process.stdout.write(`${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Continuation lines of a multi-line text, under its first line. */
const indented = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

function languageFromArgs(): Lang {
  const { values } = parseArgs({ options: { lang: { type: 'string', default: 'en' } } });
  if (values.lang === 'en' || values.lang === 'ru') return values.lang;
  process.stderr.write(`demo: --lang must be ru or en, got "${values.lang}"\n`);
  process.exit(2);
}

async function botReplies(demo: Demo, user: SandboxUser, after: number): Promise<number> {
  const { stack, say } = demo;
  const event = await stack.sandbox.waitForEvent(stack.bot.token, user.id, (e) => e.kind === 'message', {
    after,
    timeoutMs: 15_000,
  });
  await pause(300); // let a burst of replies land before printing
  let last = after;
  for (const e of stack.sandbox.chatLog(stack.bot.token, user.id).filter((e) => e.seq > after)) {
    last = e.seq;
    if (e.kind !== 'message' || e.message?.text === undefined) continue;
    const prefix = `  🤖 ${say.bot} → ${user.firstName}: `;
    print(`${prefix}${indented(e.message.text, ' '.repeat(prefix.length))}`);
    const keyboard = stack.sandbox.replyKeyboard(stack.bot.token, user.id);
    if (keyboard && e.seq === event.seq)
      print(
        `      [${say.menu}: ${keyboard.keyboard.map((row) => row.map((b) => (typeof b === 'string' ? b : b.text)).join(' | ')).join(' / ')}]`,
      );
  }
  return last;
}

function lastSeq(stack: Stack, user: SandboxUser): number {
  return stack.sandbox.chatLog(stack.bot.token, user.id).at(-1)?.seq ?? 0;
}

/** Prints the feed items that arrived since `shown` (with their actions if asked); returns the new count. */
async function printFeed(demo: Demo, shown: number, options: { expected?: number; actions?: boolean } = {}) {
  const { feed, say } = demo;
  for (let i = 0; i < 50 && feed.items.length < shown + (options.expected ?? 1); i++) await pause(100);
  for (const item of feed.items.slice(shown)) {
    const actions = options.actions
      ? ` ${(item.actions as { label: string; href: string }[]).map((a) => `[${a.label} → ${a.href}]`).join(' ')}`
      : '';
    print(`${say.feed(Boolean(item.sound))} ${String(item.text)}${actions}`);
  }
  return feed.items.length;
}

function inlineButtons(event: ChatEvent) {
  return event.message?.reply_markup?.inline_keyboard?.flat() ?? [];
}

async function nextWithButtons(demo: Demo, user: SandboxUser, after: number): Promise<ChatEvent> {
  return demo.stack.sandbox.waitForEvent(
    demo.stack.bot.token,
    user.id,
    (e) => e.kind === 'message' && inlineButtons(e).length > 0,
    { after, timeoutMs: 15_000 },
  );
}

/** S0-02…S0-05, S3-07: a technician joins by the link, a client by /start; the admin blocks the client. */
async function playJoining(demo: Demo): Promise<SandboxUser> {
  const { stack, admin, say, cast, lang } = demo;
  const { link } = (await admin.call('GET', '/invites/join-link?role=technician')).body as { link: string };
  print(`${say.logsIn}\n      ${link}\n`);
  const payload = new URL(link).searchParams.get('start') ?? '';
  const ivan = stack.sandbox.createUser({ ...cast.technician, languageCode: lang });
  let seq = lastSeq(stack, ivan);
  print(say.opensLink(`${cast.technician.firstName} ${cast.technician.lastName}`, ivan.username!, payload));
  await ivan.sendCommand(stack.bot.token, 'start', payload);
  seq = await botReplies(demo, ivan, seq);
  print();
  const shown = await printFeed(demo, 0, { actions: true });

  print(say.tapsMenuButton(ivan.firstName));
  const firstButton = stack.sandbox.replyKeyboard(stack.bot.token, ivan.id)?.keyboard[0]?.[0];
  await ivan.sendText(
    stack.bot.token,
    typeof firstButton === 'string' ? firstButton : (firstButton?.text ?? '/help'),
  );
  await botReplies(demo, ivan, seq);

  const olga = stack.sandbox.createUser({ ...cast.client, languageCode: lang });
  print(say.pressesStart(olga.firstName, olga.username!));
  let olgaSeq = lastSeq(stack, olga);
  await olga.sendCommand(stack.bot.token, 'start');
  olgaSeq = await botReplies(demo, olga, olgaSeq);
  print();
  await printFeed(demo, shown);

  const users = (await admin.call('GET', '/users?pageSize=10')).body as {
    items: { id: string; name: string; role: string; username: string | null; telegramId: number | null }[];
  };
  print(say.listsUsers);
  for (const user of users.items)
    print(
      `      ${(say.roles[user.role] ?? user.role).padEnd(14)} ${user.name.padEnd(16)} @${user.username ?? '-'}  Telegram ${user.telegramId ?? '-'}`,
    );
  const olgaRecord = users.items.find((user) => user.username === cast.client.username);
  if (olgaRecord) {
    print(say.deactivates(olga.firstName, `/api/v1/users/${olgaRecord.id}`));
    await admin.call('PATCH', `/users/${olgaRecord.id}`, { active: false });
    print(say.writes(olga.firstName, cast.clientGreeting));
    await olga.sendText(stack.bot.token, cast.clientGreeting);
    await botReplies(demo, olga, olgaSeq);
  }
  return ivan;
}

/** S0-06…S0-10: the admin dispatches a task to Ivan; client data reaches him only once released. */
async function playDispatch(demo: Demo, ivan: SandboxUser): Promise<string> {
  const { stack, admin, say, cast } = demo;
  print(say.dispatchHeading);
  let shown = demo.feed.items.length;
  const ivanRecord = (
    (await admin.call('GET', `/users?q=${cast.technician.username}`)).body as { items: { id: string }[] }
  ).items[0]!;
  const { client } = cast.task;
  const task = (
    await admin.call('POST', '/tasks', {
      ...cast.task,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
  ).body as { id: string; number: number };
  print(say.createsTask(task.number, cast.task.title, client.name, client.address));
  shown = await printFeed(demo, shown);
  await admin.call('POST', `/tasks/${task.id}/assign`, { technicianId: ivanRecord.id });
  print(say.assigns(`${cast.technician.firstName} ${cast.technician.lastName}`));
  let seq = lastSeq(stack, ivan);
  await admin.call('POST', `/tasks/${task.id}/send`);
  const offer = await nextWithButtons(demo, ivan, seq);
  seq = await botReplies(demo, ivan, seq);
  print(
    `      [${say.buttons}: ${inlineButtons(offer)
      .map((b) => b.text)
      .join(' | ')}]  ${say.noClientData}`,
  );
  shown = await printFeed(demo, shown);

  const accept = inlineButtons(offer)[0]!;
  print(say.taps(ivan.firstName, accept.text));
  await ivan.pressButton(stack.bot.token, offer.messageId!, accept.callback_data!);
  shown = await printFeed(demo, shown);
  const edit = await stack.sandbox
    .waitForEvent(stack.bot.token, ivan.id, (e) => e.kind === 'edit' && e.messageId === offer.messageId, {
      after: seq,
      timeoutMs: 5_000,
    })
    .catch(() => undefined);
  if (edit) print(`${say.offerEdited}\n      ${indented(edit.message?.text ?? '', '      ')}`);
  else print(say.offerNotEdited);

  print(say.releasesClientInfo);
  await admin.call('POST', `/tasks/${task.id}/client-info`);
  const info = await nextWithButtons(demo, ivan, seq);
  seq = await botReplies(demo, ivan, seq);
  print(
    `      [${say.buttons}: ${inlineButtons(info)
      .map((b) => b.text)
      .join(' | ')}]`,
  );
  shown = await printFeed(demo, shown);

  const complete = inlineButtons(info)[0]!;
  print(say.finishesAndTaps(ivan.firstName, complete.text));
  await ivan.pressButton(stack.bot.token, info.messageId!, complete.callback_data!);
  await botReplies(demo, ivan, seq).catch(() => seq);
  await printFeed(demo, shown);

  const final = (await admin.call('GET', `/tasks/${task.id}`)).body as {
    status: string;
    history: { at: string; action: string; to: string }[];
  };
  print(say.history(`/api/v1/tasks/${task.id}`, say.statuses[final.status] ?? final.status));
  for (const entry of final.history)
    print(
      `      ${entry.at.slice(11, 19)}  ${(say.actions[entry.action] ?? entry.action).padEnd(26)} → ${say.statuses[entry.to] ?? entry.to}`,
    );
  const csv = await fetch(`${stack.apiUrl}/reports/tasks?format=csv`, {
    headers: { authorization: `Bearer ${admin.token ?? ''}` },
  });
  const rows =
    (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n').length - 1;
  print(say.report(rows));
  return task.id;
}

/** The PDF's text as poppler's pdftotext reads it; undefined where poppler-utils is not installed. */
function pdfLines(bytes: Buffer): string[] | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'fg-demo-pdf-'));
  try {
    const file = path.join(dir, 'invoice.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', stdio: 'pipe' });
    return text.split('\n').filter((line) => line.trim() !== '');
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** S0-11: the admin bills the completed task; the PDF reaches Ivan through the bot. */
async function playInvoice(demo: Demo, ivan: SandboxUser, taskId: string): Promise<void> {
  const { stack, admin, say, cast } = demo;
  print(say.invoiceHeading);
  let shown = demo.feed.items.length;
  const invoice = (await admin.call('POST', '/invoices', { taskId, ...cast.invoice })).body as {
    id: string;
    number: string;
  };
  print(say.createsInvoice(invoice.number));
  shown = await printFeed(demo, shown);
  const seq = lastSeq(stack, ivan);
  print(say.sendsInvoice(`${cast.technician.firstName} ${cast.technician.lastName}`));
  await admin.call('POST', `/invoices/${invoice.id}/send`);
  const document = await stack.sandbox.waitForEvent(
    stack.bot.token,
    ivan.id,
    (e) => e.method === 'sendDocument',
    {
      after: seq,
      timeoutMs: 15_000,
    },
  );
  const file = document.message?.document;
  print(
    say.document(ivan.firstName, file?.file_name ?? `${invoice.number}.pdf`, document.message?.caption ?? ''),
  );
  const bytes = file ? stack.sandbox.fileBytes(file.file_id) : undefined;
  const lines = bytes ? pdfLines(bytes) : undefined;
  if (lines) for (const line of lines) print(`      │ ${line.trimEnd()}`);
  else print(say.noPdfText);
  await printFeed(demo, shown);
}

async function main(): Promise<void> {
  const lang = languageFromArgs();
  const say = NARRATION[lang];
  print(say.title);
  const env = await createTestEnv('demo');
  const stack = await startStack(env, { language: lang });
  try {
    const admin = await ApiClient.login(stack.apiUrl, ADMIN.login, ADMIN.password);
    const feed = await admin.openNotificationStream();
    const demo: Demo = { stack, admin, feed, say, cast: CAST[lang], lang };
    // identity names the first admin in English; the demo's admin goes by the cast's name.
    const [me] = ((await admin.call('GET', '/users?role=admin')).body as { items: { id: string }[] }).items;
    if (me) await admin.call('PATCH', `/users/${me.id}`, { displayName: demo.cast.adminName });
    const ivan = await playJoining(demo);
    const taskId = await playDispatch(demo, ivan);
    await playInvoice(demo, ivan, taskId);
    feed.close();
    print(say.done);
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
