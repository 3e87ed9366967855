// The wizard mechanism end to end (issue 12): a test-only wizard mounted as a flow of its own,
// filled in through the Telegram sandbox as a person would (taps and typed answers counted), on
// the real bot-gateway, identity, conversation, RabbitMQ and Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import type { ChatEvent, SandboxUser } from '@fieldgram/telegram-sandbox';
import { t } from '@fieldgram/bot-ui';
import { conversationEnvSchema } from '../src/config.js';
import type { Flow } from '../src/flows/flow.js';
import { FlowConflictError } from '../src/flows/mount-flows.js';
import { createConversationService, type ConversationServiceOptions } from '../src/service.js';
import type { WizardLeft } from '../src/wizard/abandonment.js';
import type { ConfirmedWizard } from '../src/wizard/definition.js';
import { startWizard } from '../src/wizard/wizard-turns.js';
import { parcelWizard } from './support/parcel-wizard.js';
import { FrontDoorStack, silentLogger } from './support/stack.js';

const env = useTestEnv('conversation-wizard');
let stack: FrontDoorStack;
const booked: ConfirmedWizard[] = [];
const left: WizardLeft[] = [];

/** The test's flow: the client's "📦 New waybill" button opens the parcel wizard. */
const parcelFlow = (version = 1): Flow => ({
  name: 'parcel',
  mount: () => ({
    menu: { newWaybill: (turn, user) => startWizard(turn, user, 'parcel', { from: 'menu' }) },
    wizards: [
      parcelWizard((_turn, _user, confirmed) => {
        booked.push(confirmed);
        const { weight, size } = confirmed.answers;
        return Promise.resolve([{ kind: 'message', text: `Booked: ${weight} kg, size ${size}` }]);
      }, version),
    ],
  }),
});
const withParcel = (extra: ConversationServiceOptions = {}): ConversationServiceOptions => ({
  // The mechanism alone: the bot's features (the waybills flow has this button) are not mounted.
  features: [],
  flows: [parcelFlow()],
  onWizardLeft: (event) => {
    left.push(event);
  },
  ...extra,
});

beforeAll(async () => {
  stack = await FrontDoorStack.start(env(), { orgLanguage: 'en', conversation: withParcel() });
});
afterAll(async () => {
  await stack?.stop();
});

const textOf = (event: ChatEvent) => event.message?.text ?? '';
const buttonsOf = (event: ChatEvent) =>
  (event.message?.reply_markup?.inline_keyboard ?? [])
    .flat()
    .map((b) => ({ text: b.text, data: b.callback_data ?? '' }));

/** A person in the sandbox, counting what they do: taps (menu and inline buttons) and typed answers. */
class Person {
  taps = 0;
  typed = 0;
  private seen = 0;

  constructor(readonly tg: SandboxUser) {}

  static async join(firstName: string): Promise<Person> {
    const person = new Person(stack.sandbox.createUser({ firstName, languageCode: 'en' }));
    await person.tg.sendCommand(stack.bot.token, 'start');
    await person.reply();
    return person;
  }

  get userId(): Promise<string> {
    return stack.userByTelegram(this.tg.id).then((user) => user!.id);
  }

  /** The bot's next message to this person. */
  async reply(): Promise<ChatEvent> {
    const all = await stack.waitForBotMessages(this.tg.id, this.seen + 1);
    return all[this.seen++]!;
  }

  async tapMenu(label: string): Promise<ChatEvent> {
    this.taps++;
    await this.tg.sendText(stack.bot.token, label);
    return this.reply();
  }

  async type(text: string): Promise<ChatEvent> {
    this.typed++;
    await this.tg.sendText(stack.bot.token, text);
    return this.reply();
  }

  async command(command: string): Promise<ChatEvent> {
    await this.tg.sendCommand(stack.bot.token, command);
    return this.reply();
  }

  /** Taps an inline button by its label; the press's answer (a toast, or none). */
  async tap(message: ChatEvent, label: string): Promise<string | undefined> {
    this.taps++;
    return this.pressData(message, dataOf(message, label));
  }

  /** Presses a button without counting it (a mistaken or forged press). */
  async pressData(message: ChatEvent, data: string): Promise<string | undefined> {
    const pressed = await this.tg.pressButton(stack.bot.token, message.messageId!, data);
    const answer = await stack.sandbox.waitForEvent(
      stack.bot.token,
      this.tg.id,
      (e) => e.kind === 'callback_answer' && e.params.callback_query_id === pressed.callbackQueryId,
    );
    return answer.params.text as string | undefined;
  }
}

function dataOf(message: ChatEvent, label: string): string {
  const button = buttonsOf(message).find((b) => b.text === label);
  if (!button)
    throw new Error(`no button "${label}" under "${textOf(message)}": ${JSON.stringify(buttonsOf(message))}`);
  return button.data;
}

const STALE = t('en', 'callback.stale');

describe('a wizard, filled in as a person would', () => {
  it('the short way: 4 taps and 1 typed answer, from the menu button to the booking', async () => {
    const ola = await Person.join('Ola');
    const weight = await ola.tapMenu('📦 New waybill');
    expect(textOf(weight)).toBe('Step 1/3\nWeight of the parcel in kg?');
    expect(buttonsOf(weight).map((b) => b.text)).toEqual(['✖️ Cancel']);
    const size = await ola.type('3');
    expect(textOf(size)).toBe('Step 2/3\nSize?');
    expect(await ola.tap(size, 'S')).toBeUndefined(); // answered silently
    const note = await ola.reply();
    expect(textOf(note)).toBe('Step 3/3\nA note for the courier?');
    await ola.tap(note, '⏭ Skip');
    const summary = await ola.reply();
    expect(textOf(summary)).toBe('Please check, then confirm:\nWeight: 3 kg\nSize: S\nNote: —');
    await ola.tap(summary, '✅ Confirm');
    expect(textOf(await ola.reply())).toBe('Booked: 3 kg, size s');
    expect({ taps: ola.taps, typed: ola.typed }).toEqual({ taps: 4, typed: 1 });
    expect(booked.at(-1)).toEqual({ answers: { weight: 3, size: 's' }, context: { from: 'menu' } });
    expect(await stack.conversation.sessions.get(ola.tg.id)).not.toHaveProperty('wizard');
  });

  it('an invalid answer re-asked with its example, Back keeping answers, an edit from the summary, stale and forged presses', async () => {
    const pia = await Person.join('Pia');
    await pia.tapMenu('📦 New waybill');
    const again = await pia.type('heavy');
    expect(textOf(again)).toBe('Weight in kg, e.g. 12.5\n\nStep 1/3\nWeight of the parcel in kg?');
    const size = await pia.type('12,5');
    await pia.tap(size, 'M');
    const note = await pia.reply();
    await pia.tap(note, '⬅️ Back');
    const sizeAgain = await pia.reply();
    expect(textOf(sizeAgain)).toBe('Step 2/3\nSize?\nNow: M');
    await pia.tap(sizeAgain, 'L');
    await pia.tap(await pia.reply(), '⏭ Skip');
    const summary = await pia.reply();
    expect(textOf(summary)).toBe('Please check, then confirm:\nWeight: 12.5 kg\nSize: L\nNote: —');
    expect(buttonsOf(summary).map((b) => b.text)).toEqual([
      '✏️ Weight',
      '✏️ Size',
      '✏️ Note',
      '✅ Confirm',
      '⬅️ Back',
      '✖️ Cancel',
    ]);

    await pia.tap(summary, '✏️ Weight');
    const editing = await pia.reply();
    expect(textOf(editing)).toBe('Step 1/3\nWeight of the parcel in kg?\nNow: 12.5 kg');
    const edited = await pia.type('14');
    // Straight back to the summary, not on to step 2.
    expect(textOf(edited)).toBe('Please check, then confirm:\nWeight: 14 kg\nSize: L\nNote: —');

    // A button of a step the wizard has moved on from: polite, no effect.
    expect(await pia.pressData(size, dataOf(size, 'S'))).toBe(STALE);
    // Rex forges Pia's Confirm (a message of his own carrying it): stale for him, nothing for her.
    const rex = await Person.join('Rex');
    await stack.conversation.runtime.publish('tg.out', {
      idempotencyKey: `test:${rex.tg.id}:forged-confirm`,
      chatId: rex.tg.id,
      method: 'sendMessage',
      params: {
        text: 'forged',
        reply_markup: {
          inline_keyboard: [[{ text: 'Confirm', callback_data: dataOf(edited, '✅ Confirm') }]],
        },
      },
    });
    const forged = await rex.reply();
    expect(await rex.pressData(forged, dataOf(edited, '✅ Confirm'))).toBe(STALE);
    expect(booked.filter((b) => b.answers.weight === 14)).toHaveLength(0);

    await pia.tap(edited, '✅ Confirm');
    expect(textOf(await pia.reply())).toBe('Booked: 14 kg, size l');
    expect(booked.at(-1)?.answers).toEqual({ weight: 14, size: 'l' });
    // Confirmed once: the same button again is stale.
    expect(await pia.pressData(edited, dataOf(edited, '✅ Confirm'))).toBe(STALE);
    // New waybill, 2 typed weights (one invalid) + 1 edit, M, Back, L, Skip, ✏️ Weight, Confirm.
    expect({ taps: pia.taps, typed: pia.typed }).toEqual({ taps: 7, typed: 3 });
    expect(left.filter((event) => event.chatId === pia.tg.id)).toEqual([]);
  });

  it('left unfinished: Cancel, a main-menu button and /start each report who, which wizard, the step reached and the answers', async () => {
    const quinn = await Person.join('Quinn');
    const userId = await quinn.userId;
    const byQuinn = () => left.filter((event) => event.chatId === quinn.tg.id);

    await quinn.tapMenu('📦 New waybill');
    const size = await quinn.type('3');
    await quinn.tap(size, '✖️ Cancel');
    expect(textOf(await quinn.reply())).toBe(t('en', 'wizard.cancelled'));
    expect(byQuinn()).toEqual([
      {
        wizard: 'parcel',
        version: 1,
        run: dataOf(size, 'M').split(':')[2],
        reason: 'cancel',
        chatId: quinn.tg.id,
        userId,
        step: 2,
        totalSteps: 3,
        atSummary: false,
        answers: { weight: 3 },
        context: { from: 'menu' },
        at: expect.any(String) as string,
      },
    ]);
    expect(await quinn.pressData(size, dataOf(size, 'M'))).toBe(STALE); // the wizard is over

    await quinn.tapMenu('📦 New waybill');
    expect(textOf(await quinn.tapMenu('❓ Help'))).toBe(t('en', 'help.client'));
    await quinn.tapMenu('📦 New waybill');
    await quinn.tap(await quinn.type('3'), 'S');
    await quinn.reply();
    expect(textOf(await quinn.command('start'))).toBe('Welcome back, Quinn! The menu is below.');
    // The same menu button again, mid-wizard, leaves the first one too.
    await quinn.tapMenu('📦 New waybill');
    await quinn.type('5');
    await quinn.tapMenu('📦 New waybill');
    expect(byQuinn().map(({ reason, step, answers }) => ({ reason, step, answers }))).toEqual([
      { reason: 'cancel', step: 2, answers: { weight: 3 } },
      { reason: 'menu', step: 1, answers: {} },
      { reason: 'start', step: 3, answers: { weight: 3, size: 's' } },
      { reason: 'menu', step: 2, answers: { weight: 5 } },
    ]);
  });

  it('a flow claiming a menu button another flow has is refused at startup', () => {
    const conflicting: Flow = {
      name: 'waybills',
      mount: () => ({ menu: { newWaybill: () => Promise.resolve([]) } }),
    };
    const conversationEnv = conversationEnvSchema.parse({
      DATABASE_URL: env().databaseUrl,
      AMQP_URL: env().amqpUrl,
      REDIS_URL: env().redisUrl,
    });
    expect(() =>
      createConversationService(conversationEnv, {
        logger: silentLogger,
        features: [],
        flows: [parcelFlow(), conflicting],
      }),
    ).toThrow(new FlowConflictError('flows "parcel" and "waybills" both claim the menu action "newWaybill"'));
  });
});

describe('a wizard across restarts and time', () => {
  it('resumes after a restart; after its definition changed, the stale state is discarded politely', async () => {
    const sol = await Person.join('Sol');
    await sol.tapMenu('📦 New waybill');
    const size = await sol.type('7');

    await stack.restartConversation(withParcel());
    await sol.tap(size, 'M'); // the button sent before the restart
    const note = await sol.reply();
    expect(textOf(note)).toBe('Step 3/3\nA note for the courier?');

    await stack.restartConversation(withParcel({ flows: [parcelFlow(2)] }));
    expect(textOf(await sol.type('ring twice'))).toBe(t('en', 'wizard.outdated'));
    expect(left.filter((event) => event.chatId === sol.tg.id)).toMatchObject([
      { reason: 'outdated', version: 1, step: 3, answers: { weight: 7, size: 'm' } },
    ]);
    expect(await sol.pressData(note, dataOf(note, '⏭ Skip'))).toBe(STALE);
  });

  it('idle past its time it is reported once, even if they never come back, and stays resumable', async () => {
    await stack.restartConversation(withParcel({ wizardIdleMs: 1_500, wizardSweepMs: 200 }));
    const tia = await Person.join('Tia');
    await tia.tapMenu('📦 New waybill');
    const size = await tia.type('2');
    const reported = await waitFor(() => left.find((event) => event.chatId === tia.tg.id), {
      message: "Tia's idle wizard reported",
      timeoutMs: 10_000,
    });
    expect(reported).toMatchObject({ reason: 'timeout', step: 2, answers: { weight: 2 } });

    // Back after the timeout: the wizard goes on where it was; leaving it now is no second report.
    await tia.tap(size, 'L');
    expect(textOf(await tia.reply())).toBe('Step 3/3\nA note for the courier?');
    expect(textOf(await tia.command('cancel'))).toBe(t('en', 'cancel.done'));
    expect(left.filter((event) => event.chatId === tia.tg.id)).toHaveLength(1);
  });
});
