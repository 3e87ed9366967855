// The load bench's baseline, run as a process of its own (baseline-rig.ts starts it): one telegraf
// bot in webhook mode against the sandbox, giving the replies ours gives to the same dialog —
// the same texts and keyboards (bot-ui's catalog), with everything in memory. No database, no
// broker, no outbox, no idempotency: the least a bot can do to answer these updates.
//
// Environment: BASELINE_API_ROOT, BASELINE_TOKEN, BASELINE_PORT, BASELINE_SECRET,
// BASELINE_TECHNICIAN_PAYLOAD. Prints {"ready":true} once its webhook is set.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { Telegraf, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type * as tg from 'telegraf/types';
import {
  MY_TASKS_LIST,
  PAGE_SIZE,
  TASK_BUTTONS,
  inlineKeyboard,
  langFromTelegram,
  mainMenuKeyboard,
  menuActionOf,
  menuLabel,
  offerText,
  pageWindow,
  pagerRow,
  settledOfferText,
  t,
  taskOfferKeyboard,
  type Lang,
  type OfferDetails,
  type Role,
} from '@fieldgram/bot-ui';
import { DISPATCHED_TASK } from './side.js';
import { inline, replyKeyboard } from '../lib/telegraf-markup.js';
import { baselineSettings, requiredEnv, serveWebhook } from '../lib/telegraf-webhook.js';

const ORG_LANG: Lang = 'ru';

interface Person {
  role: Role;
  name: string;
  languageCode: string | undefined;
}

interface Task {
  id: string;
  number: number;
  title: string;
  status: 'sent' | 'accepted';
  chatId: number;
  offerMessageId: number;
}

const people = new Map<number, Person>();
const tasks = new Map<string, Task>();
/** Each technician's tasks, newest first (as the task service lists them). */
const tasksOf = new Map<number, Task[]>();
let lastNumber = 0;

const env = {
  ...baselineSettings(),
  technicianPayload: requiredEnv('BASELINE_TECHNICIAN_PAYLOAD'),
};

const bot = new Telegraf(env.token, { telegram: { apiRoot: env.apiRoot } });
bot.catch((error) => console.error('baseline: handler failed', error));

bot.start(async (ctx) => {
  const lang = langOf(ctx.from.language_code);
  const known = people.get(ctx.from.id);
  if (known !== undefined)
    return withMenu(ctx, known.role, lang, t(lang, 'welcome.back', { name: known.name }));
  const payload = ctx.payload.trim();
  const person = register(ctx.from, payload === env.technicianPayload ? 'technician' : 'client');
  const text =
    payload === '' || person.role === 'technician'
      ? t(lang, person.role === 'technician' ? 'welcome.technician' : 'welcome.client', { name: person.name })
      : t(lang, 'start.inviteInvalid');
  return withMenu(ctx, person.role, lang, text);
});

bot.on(message('text'), async (ctx) => {
  const lang = langOf(ctx.from.language_code);
  const person = people.get(ctx.from.id);
  if (person === undefined) {
    // First contact without /start: registered as a client and welcomed, as ours does.
    const client = register(ctx.from, 'client');
    return withMenu(ctx, 'client', lang, t(lang, 'welcome.client', { name: client.name }));
  }
  const action = menuActionOf(person.role, ctx.message.text);
  if (action === 'myTasks' && person.role === 'technician') return myTasks(ctx, ctx.from.id, lang);
  if (action === 'help') return withMenu(ctx, person.role, lang, t(lang, `help.${person.role}`));
  if (action !== undefined) {
    const item = stripIcon(menuLabel(action, lang));
    return withMenu(ctx, person.role, lang, t(lang, 'menu.comingSoon', { item }));
  }
  return withMenu(ctx, person.role, lang, t(lang, 'fallback.text'), ctx.message.message_id);
});

bot.on('callback_query', async (ctx) => {
  const lang = langOf(ctx.from.language_code);
  const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  const press = TASK_BUTTONS.parse(data);
  if (press?.action !== 'accept' || people.get(ctx.from.id)?.role !== 'technician') {
    return void (await ctx.answerCbQuery(t(lang, 'callback.stale')));
  }
  const task = tasks.get(press.id);
  const refusal =
    task === undefined
      ? 'task.refused.notFound'
      : task.chatId !== ctx.from.id
        ? 'task.refused.forbidden'
        : task.status !== 'sent'
          ? 'task.refused.conflict'
          : undefined;
  if (task === undefined || refusal !== undefined) {
    return void (await ctx.answerCbQuery(t(lang, refusal ?? 'task.refused.notFound')));
  }
  task.status = 'accepted';
  await ctx.answerCbQuery(t(lang, 'task.accepted'));
  // Ours: notification edits the offer (bot-ui's text: its details, then "accepted") once the
  // task service has recorded the acceptance.
  await ctx.telegram.editMessageText(
    task.chatId,
    task.offerMessageId,
    undefined,
    settledOfferText(lang, offerOf(task), 'accepted'),
  );
});

function register(from: tg.User, role: Role): Person {
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ').trim();
  const person: Person = { role, name, languageCode: from.language_code };
  people.set(from.id, person);
  return person;
}

async function withMenu(ctx: Context, role: Role, lang: Lang, text: string, replyTo?: number): Promise<void> {
  await ctx.reply(text, {
    reply_markup: replyKeyboard(mainMenuKeyboard(role, lang)),
    ...(replyTo === undefined
      ? {}
      : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }),
  });
}

/** "My tasks", page 1: what conversation's myTasksReply renders from the task service's list. */
async function myTasks(ctx: Context, chatId: number, lang: Lang): Promise<void> {
  const all = tasksOf.get(chatId) ?? [];
  if (all.length === 0) return void (await ctx.reply(t(lang, 'task.list.empty')));
  const window = pageWindow(all.length, 1, PAGE_SIZE);
  const lines = [
    t(lang, 'task.list.title', { total: all.length }),
    ...all.slice(window.offset, window.offset + window.pageSize).map((task) =>
      t(lang, 'task.list.item', {
        number: task.number,
        title: task.title,
        status: t(lang, `task.status.${task.status}`),
      }),
    ),
  ];
  const pager = pagerRow(lang, window, MY_TASKS_LIST);
  await ctx.reply(
    lines.join('\n'),
    pager.length > 0 ? { reply_markup: inline(inlineKeyboard([pager])) } : {},
  );
}

/** What the offer of a dispatched task shows: its area, no time, no description. */
function offerOf(task: Pick<Task, 'number' | 'title'>): OfferDetails {
  return { ...task, area: DISPATCHED_TASK.area, scheduledAt: null, description: null };
}

/** An admin's dispatch: a task per chat id, its offer sent (conversation's offerReplies). */
async function dispatch(chatIds: readonly number[]): Promise<void> {
  await Promise.all(
    chatIds.map(async (chatId) => {
      const lang = langOf(people.get(chatId)?.languageCode);
      const id = randomUUID();
      const number = ++lastNumber;
      const text = offerText(lang, offerOf({ number, title: DISPATCHED_TASK.title }));
      const sent = await bot.telegram.sendMessage(chatId, text, {
        reply_markup: inline(taskOfferKeyboard(lang, id)),
      });
      const task: Task = {
        id,
        number,
        title: DISPATCHED_TASK.title,
        status: 'sent',
        chatId,
        offerMessageId: sent.message_id,
      };
      tasks.set(id, task);
      tasksOf.set(chatId, [task, ...(tasksOf.get(chatId) ?? [])]);
    }),
  );
}

function langOf(languageCode: string | undefined): Lang {
  return langFromTelegram(languageCode, ORG_LANG);
}

function stripIcon(label: string): string {
  return label.replace(/^[^\p{L}\p{N}]+/u, '').trim() || label;
}

function isDispatchBody(body: unknown): body is { chatIds: number[] } {
  return (
    typeof body === 'object' &&
    body !== null &&
    'chatIds' in body &&
    Array.isArray(body.chatIds) &&
    body.chatIds.every((id) => typeof id === 'number')
  );
}

await serveWebhook(bot, env, (app) => {
  app.post('/dispatch', express.json(), async (request, response) => {
    if (!isDispatchBody(request.body))
      return void response.status(400).json({ error: 'expected { chatIds: number[] }' });
    try {
      await dispatch(request.body.chatIds);
      response.status(204).end();
    } catch (error) {
      response.status(500).json({ error: error instanceof Error ? error.message : String(error) });
    }
  });
});
