import { menuActionOf, type MenuAction } from '@fieldgram/bot-ui';
import type { ChatEvent, SandboxUser, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import type { BotSide } from './side.js';

/** What a simulated user does: a new user's /start, Accept under an offer, a menu tap, free text. */
export type ActionKind = 'join' | 'accept' | 'menu' | 'text';
export const ACTION_KINDS: readonly ActionKind[] = ['join', 'accept', 'menu', 'text'];

/** An offer in a technician's chat, not answered yet. */
export interface Offer {
  messageId: number;
  acceptData: string;
}

/** One simulated Telegram user of one bot. */
export class SimUser {
  /** Known once the /start was answered. */
  joined = false;
  readonly offers: Offer[] = [];
  /** performance.now() from which the user may send again (a reply came, and the think time passed). */
  readyAt = 0;
  /** Never used again: an update of theirs went unanswered, so a late reply could be mistaken for another's. */
  retired = false;
  private taps = 0;
  private texts = 0;

  constructor(
    readonly user: SandboxUser,
    readonly technician: boolean,
  ) {}

  get chatId(): number {
    return this.user.id;
  }

  /** The next menu button to tap, of those the dialog answers alike on both sides (not the forms). */
  nextMenuLabel(labels: readonly string[]): string | undefined {
    const role = this.technician ? 'technician' : 'client';
    const tappable = labels.filter((label) => !FORM_ACTIONS.has(menuActionOf(role, label) ?? 'help'));
    return tappable.length === 0 ? undefined : tappable[this.taps++ % tappable.length];
  }

  nextText(): string {
    return FREE_TEXTS[this.texts++ % FREE_TEXTS.length]!;
  }
}

/**
 * Menu buttons that open a form or a service's list (issue 13's waybills and claims): the
 * logistics suite measures those; the baseline here has no such forms.
 */
const FORM_ACTIONS = new Set<MenuAction>(['newWaybill', 'fileClaim', 'myWaybills']);

const FREE_TEXTS = [
  'Hello! When will the technician come?',
  'Спасибо, всё понятно',
  'Где мой заказ?',
  'ok',
  'Can I change the time of the visit to tomorrow morning?',
];

/** How the bot's reply to an update is recognised in the chat, and what else belongs to it. */
export interface Expectation {
  /** Which reply this is, for comparing ours with the baseline (`join:technician:en`, `menu:❓ Help`…). */
  shape: string;
  /** The update's id in the sandbox. */
  updateId: number;
  isReply(event: ChatEvent): boolean;
  /** A later event of the same action the chat waits for (the offer edited after Accept). */
  trailing?: (event: ChatEvent) => boolean;
}

/** A message of the bot with an Accept button under it: a task's offer. */
export function offerIn(event: ChatEvent): Offer | undefined {
  if (event.kind !== 'message' || event.messageId === undefined) return undefined;
  const buttons = event.message?.reply_markup?.inline_keyboard.flat() ?? [];
  const accept = buttons.find((button) => button.callback_data?.startsWith('task:accept:'));
  return accept?.callback_data === undefined
    ? undefined
    : { messageId: event.messageId, acceptData: accept.callback_data };
}

const aMessage = (event: ChatEvent): boolean => event.kind === 'message' && offerIn(event) === undefined;

/**
 * Sends the user's update of `kind` (synchronously created in the sandbox) and says how its reply
 * is recognised. Callers start the clock before calling. `undefined`: the user cannot do that now
 * (no offer, no menu), nothing was sent.
 */
export async function act(
  sandbox: TelegramSandbox,
  side: BotSide,
  sim: SimUser,
  kind: ActionKind,
): Promise<Expectation | undefined> {
  const token = side.bot.token;
  const lang = sim.user.languageCode ?? '';
  const role = sim.technician ? 'technician' : 'client';
  switch (kind) {
    case 'join': {
      const sent = await (sim.technician
        ? sim.user.sendCommand(token, 'start', side.technicianPayload)
        : sim.user.sendCommand(token, 'start'));
      return { shape: `join:${role}:${lang}`, updateId: sent.updateId, isReply: aMessage };
    }
    case 'menu': {
      const labels = sandbox
        .replyKeyboard(token, sim.chatId)
        ?.keyboard.flat()
        .map((button) => button.text);
      const label = sim.nextMenuLabel(labels ?? []);
      if (label === undefined) return undefined;
      const sent = await sim.user.sendText(token, label);
      return { shape: `menu:${label}`, updateId: sent.updateId, isReply: aMessage };
    }
    case 'text': {
      const sent = await sim.user.sendText(token, sim.nextText());
      return {
        shape: `text:${role}:${lang}`,
        updateId: sent.updateId,
        isReply: (event) => aMessage(event) && event.message?.reply_to_message?.message_id === sent.messageId,
      };
    }
    case 'accept': {
      const offer = sim.offers.shift();
      if (offer === undefined) return undefined;
      const press = await sim.user.pressButton(token, offer.messageId, offer.acceptData);
      return {
        shape: `accept:${lang}`,
        updateId: press.updateId,
        isReply: (event) =>
          event.kind === 'callback_answer' && event.params.callback_query_id === press.callbackQueryId,
        // Ours: notification edits the offer to "Accepted" once the task service says so.
        trailing: (event) => event.kind === 'edit' && event.messageId === offer.messageId,
      };
    }
  }
}
