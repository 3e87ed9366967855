/** How the demo prints a chat: the bot's messages, the menu, the admin's feed, a PDF's text. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChatEvent, SandboxUser, TelegramReplyKeyboardMarkup } from '@fieldgram/telegram-sandbox';
import type { Stack } from '../../e2e/support/stack.js';
import type { Demo } from './demo-context.js';
import type { Narration } from './narration.js';

export const print = (line = ''): void => void process.stdout.write(`${line}\n`);
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Continuation lines of a multi-line text, under its first line. */
export const indented = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

/** One thing the bot said to `to`, continuation lines under its first. */
export function printBotSays(say: Narration, to: string, text: string): void {
  const prefix = `  🤖 ${say.bot} → ${to}: `;
  print(`${prefix}${indented(text, ' '.repeat(prefix.length))}`);
}

export function printMenu(say: Narration, keyboard: TelegramReplyKeyboardMarkup): void {
  const rows = keyboard.keyboard.map((row) =>
    row.map((b) => (typeof b === 'string' ? b : b.text)).join(' | '),
  );
  print(`      [${say.menu}: ${rows.join(' / ')}]`);
}

export function inlineButtons(event: ChatEvent) {
  return event.message?.reply_markup?.inline_keyboard?.flat() ?? [];
}

export function printButtons(say: Narration, event: ChatEvent, note = ''): void {
  const labels = inlineButtons(event).map((b) => b.text);
  if (labels.length > 0) print(`      [${say.buttons}: ${labels.join(' | ')}]${note ? `  ${note}` : ''}`);
}

/** Prints the bot's text messages to `user` after `after` once one has come; returns the last seq. */
export async function botReplies(demo: Demo, user: SandboxUser, after: number): Promise<number> {
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
    printBotSays(say, user.firstName, e.message.text);
    const keyboard = stack.sandbox.replyKeyboard(stack.bot.token, user.id);
    if (keyboard && e.seq === event.seq) printMenu(say, keyboard);
  }
  return last;
}

export function lastSeq(stack: Stack, user: SandboxUser): number {
  return stack.sandbox.chatLog(stack.bot.token, user.id).at(-1)?.seq ?? 0;
}

export async function nextWithButtons(demo: Demo, user: SandboxUser, after: number): Promise<ChatEvent> {
  return demo.stack.sandbox.waitForEvent(
    demo.stack.bot.token,
    user.id,
    (e) => e.kind === 'message' && inlineButtons(e).length > 0,
    { after, timeoutMs: 15_000 },
  );
}

/** Prints the feed items that arrived since `shown` (with their actions if asked); returns the new count. */
export async function printFeed(
  demo: Demo,
  shown: number,
  options: { expected?: number; actions?: boolean } = {},
): Promise<number> {
  const { feed, say } = demo;
  for (let i = 0; i < 50 && feed.items.length < shown + (options.expected ?? 1); i++) await pause(100);
  for (const item of feed.items.slice(shown)) {
    const actions = options.actions
      ? ` ${(item.actions as { label: string; href: string }[]).map((a) => `[${a.label} → ${a.href}]`).join(' ')}`
      : '';
    const prefix = `${say.feed(Boolean(item.sound))} `;
    print(`${prefix}${indented(String(item.text), ' '.repeat(prefix.length))}${actions}`);
  }
  return feed.items.length;
}

/** The PDF's text as poppler's pdftotext reads it; undefined where poppler-utils is not installed. */
export function pdfLines(bytes: Buffer): string[] | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'fg-demo-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', stdio: 'pipe' });
    return text.split('\n').filter((line) => line.trim() !== '');
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints a PDF's text (its first `most` lines), or how to see it. */
export function printPdf(say: Narration, bytes: Buffer | undefined, most = Infinity): void {
  const lines = bytes ? pdfLines(bytes) : undefined;
  if (!lines) {
    print(say.noPdfText);
    return;
  }
  for (const line of lines.slice(0, most)) print(`      │ ${line.trimEnd()}`);
  if (lines.length > most) print('      │ …');
}
