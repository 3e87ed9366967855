// The logistics bench's baseline, run as a process of its own (baseline-rig.ts starts it): one
// telegraf bot in webhook mode against the sandbox that takes a client through the same "New
// waybill" form (bot-ui's texts and keyboards), and on Confirm says "created", renders the same
// waybill PDF (the waybill service's document, the project's PDF package) and sends it with
// sendDocument. State in memory; no database, broker, outbox, idempotency or flood pacing.
//
// Environment: BASELINE_API_ROOT, BASELINE_TOKEN, BASELINE_PORT, BASELINE_SECRET.
// Prints {"ready":true} once its webhook is set.
import { randomBytes } from 'node:crypto';
import { Telegraf, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import {
  formatQuantity,
  langFromTelegram,
  mainMenuKeyboard,
  menuActionOf,
  readWizardPress,
  t,
  wizardStepKeyboard,
  wizardSummaryKeyboard,
  type Lang,
} from '@fieldgram/bot-ui';
import type { WaybillInput } from '@fieldgram/contracts';
import { inline, replyKeyboard } from '../lib/telegraf-markup.js';
import { baselineSettings, serveWebhook } from '../lib/telegraf-webhook.js';
import { DEFAULT_PAYMENT_METHODS, renderWaybillPdf, waybillCaption, waybillRecord } from './waybill-pdf.js';

/** The typed steps of the form, in order; the sixth is the payment method's buttons. */
const TYPED = ['cargo', 'weight', 'size', 'pickup', 'delivery'] as const;
const STEPS = 6;
const PAYMENT_STEP = 5;

interface Draft {
  run: string;
  step: number;
  cargo?: string;
  weightKg?: number;
  size?: { lengthCm: number; widthCm: number; heightCm: number };
  pickup?: string;
  delivery?: string;
  payment?: string;
}

const drafts = new Map<number, Draft>();
let lastNumber = 0;

const env = baselineSettings();

const bot = new Telegraf(env.token, { telegram: { apiRoot: env.apiRoot } });
bot.catch((error) => console.error('baseline: handler failed', error));

bot.start(async (ctx) => {
  const lang = langOf(ctx);
  await ctx.reply(t(lang, 'welcome.client', { name: ctx.from.first_name }), {
    reply_markup: replyKeyboard(mainMenuKeyboard('client', lang)),
  });
});

bot.on(message('text'), async (ctx) => {
  const lang = langOf(ctx);
  const text = ctx.message.text;
  if (menuActionOf('client', text) === 'newWaybill') {
    const draft: Draft = { run: randomBytes(6).toString('base64url'), step: 0 };
    drafts.set(ctx.chat.id, draft);
    return ask(ctx, draft, lang);
  }
  const draft = drafts.get(ctx.chat.id);
  if (draft === undefined || draft.step >= PAYMENT_STEP)
    return void (await ctx.reply(t(lang, 'fallback.text')));
  if (!answer(draft, text)) return ask(ctx, draft, lang, true);
  draft.step += 1;
  return ask(ctx, draft, lang);
});

bot.on('callback_query', async (ctx) => {
  const lang = langOf(ctx);
  const press = readWizardPress('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
  const chatId = ctx.callbackQuery.message?.chat.id ?? ctx.from.id;
  const draft = drafts.get(chatId);
  if (press === undefined || draft === undefined || press.run !== draft.run || press.step !== draft.step)
    return void (await ctx.answerCbQuery(t(lang, 'callback.stale')));
  if (press.action === 'pick' && draft.step === PAYMENT_STEP) {
    draft.payment = DEFAULT_PAYMENT_METHODS[press.index ?? -1]?.code;
    if (draft.payment === undefined) return void (await ctx.answerCbQuery(t(lang, 'callback.stale')));
    draft.step = STEPS;
    await ctx.answerCbQuery();
    return void (await ctx.reply(summaryText(draft, lang), {
      reply_markup: inline(
        wizardSummaryKeyboard(lang, {
          run: draft.run,
          step: STEPS,
          fields: FIELD_LABELS.map((key) => t(lang, key)),
        }),
      ),
    }));
  }
  if (press.action === 'confirm' && draft.step === STEPS) {
    drafts.delete(chatId);
    await ctx.answerCbQuery();
    const waybill = waybillRecord(inputOf(draft), String(chatId), ++lastNumber);
    await ctx.reply(t(lang, 'waybill.created', { number: waybill.number }));
    const pdf = await renderWaybillPdf(waybill, lang);
    await ctx.telegram.sendDocument(
      chatId,
      { source: pdf, filename: `${waybill.number}.pdf` },
      { caption: waybillCaption(waybill.number, lang) },
    );
    return;
  }
  await ctx.answerCbQuery(t(lang, 'callback.stale'));
});

/** The step's question as ours asks it: "Step n/N", the question, Back/Cancel (payment: its buttons). */
async function ask(ctx: Context, draft: Draft, lang: Lang, again = false): Promise<void> {
  const question = t(lang, QUESTIONS[draft.step]!);
  const choices = draft.step === PAYMENT_STEP ? DEFAULT_PAYMENT_METHODS.map((m) => m.label[lang]) : [];
  await ctx.reply(
    [
      ...(again ? [t(lang, INVALID[draft.step]!), ''] : []),
      t(lang, 'wizard.step', { step: draft.step + 1, total: STEPS }),
      question,
    ].join('\n'),
    {
      reply_markup: inline(
        wizardStepKeyboard(lang, {
          run: draft.run,
          step: draft.step,
          choices,
          skippable: false,
          canGoBack: draft.step > 0,
        }),
      ),
    },
  );
}

const QUESTIONS = [
  'waybill.ask.cargo',
  'waybill.ask.weight',
  'waybill.ask.size',
  'waybill.ask.pickup',
  'waybill.ask.delivery',
  'waybill.ask.payment',
] as const;
const INVALID = [
  'waybill.invalid.cargo',
  'waybill.invalid.weight',
  'waybill.invalid.size',
  'waybill.invalid.address',
  'waybill.invalid.address',
] as const;
const FIELD_LABELS = [
  'waybill.field.cargo',
  'waybill.field.weight',
  'waybill.field.size',
  'waybill.field.pickup',
  'waybill.field.delivery',
  'waybill.field.payment',
] as const;

/** Takes a typed answer into the draft; false when it does not read (asked again). */
function answer(draft: Draft, text: string): boolean {
  const value = text.trim();
  switch (TYPED[draft.step]) {
    case 'cargo':
      draft.cargo = value;
      return value.length > 0;
    case 'weight': {
      const kg = Number(value.replace(/\s*(?:kg|кг)\.?$/iu, '').replace(',', '.'));
      draft.weightKg = kg;
      return kg > 0;
    }
    case 'size': {
      const [lengthCm, widthCm, heightCm] = value
        .replace(/\s*(?:cm|см)\.?$/iu, '')
        .split(/\s*[x×х*]\s*/u)
        .map((part) => Number(part.replace(',', '.')));
      draft.size = {
        lengthCm: lengthCm ?? Number.NaN,
        widthCm: widthCm ?? Number.NaN,
        heightCm: heightCm ?? Number.NaN,
      };
      return [lengthCm, widthCm, heightCm].every((cm) => cm !== undefined && cm > 0);
    }
    case 'pickup':
      draft.pickup = value;
      return value.length >= 5;
    case 'delivery':
      draft.delivery = value;
      return value.length >= 5;
    default:
      return false;
  }
}

function inputOf(draft: Draft): WaybillInput {
  return {
    cargo: draft.cargo ?? '',
    weightKg: draft.weightKg ?? 0,
    lengthCm: draft.size?.lengthCm ?? 0,
    widthCm: draft.size?.widthCm ?? 0,
    heightCm: draft.size?.heightCm ?? 0,
    pickupAddress: draft.pickup ?? '',
    deliveryAddress: draft.delivery ?? '',
    paymentMethod: draft.payment ?? '',
  };
}

/** The summary as ours shows it: the heading, then `label: answer` per field. */
function summaryText(draft: Draft, lang: Lang): string {
  const input = inputOf(draft);
  const size = {
    length: formatQuantity(input.lengthCm, lang),
    width: formatQuantity(input.widthCm, lang),
    height: formatQuantity(input.heightCm, lang),
  };
  const shown = [
    input.cargo,
    t(lang, 'waybill.shown.weight', { weight: formatQuantity(input.weightKg, lang) }),
    t(lang, 'waybill.shown.size', size),
    input.pickupAddress,
    input.deliveryAddress,
    DEFAULT_PAYMENT_METHODS.find((method) => method.code === input.paymentMethod)?.label[lang] ?? '',
  ];
  return [t(lang, 'wizard.summary'), ...FIELD_LABELS.map((key, i) => `${t(lang, key)}: ${shown[i]}`)].join(
    '\n',
  );
}

function langOf(ctx: Context): Lang {
  return langFromTelegram(ctx.from?.language_code, 'ru');
}

await serveWebhook(bot, env);
