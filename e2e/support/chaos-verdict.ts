import type { ChatEvent, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { typeAndId, type RecordedEffects } from './chaos-effects.js';
import type { ChaosLedger, JoinAction, TaskAction, TaskStep } from './chaos-ledger.js';
import { hasButton, taskButton } from './chaos-load.js';

/** One kind of effect: how many the performed actions call for, how many were found. */
export interface CountRow {
  effect: string;
  expected: number;
  found: number;
  /** Summed per item: an item found fewer times than expected counts the difference here… */
  lost: number;
  /** …and one found more often counts it here. */
  doubled: number;
}

export interface Verdict {
  rows: CountRow[];
  /** Every item whose count differs, e.g. `task 12 (#40): history send — expected 1, found 2`. */
  problems: string[];
}

/** How many bot messages a fault-free /start gets, measured before the chaos. */
export type WelcomeCounts = Record<JoinAction['role'], number>;

const STEPS: readonly TaskStep[] = ['create', 'send', 'accept', 'reject', 'release-client-info', 'complete'];
/** The events each step emits (task service). */
const EVENTS: Record<TaskStep, readonly string[]> = {
  create: ['task.created', 'task.assigned'],
  send: ['task.sent'],
  accept: ['task.accepted'],
  reject: ['task.rejected'],
  'release-client-info': ['task.client-info-released'],
  complete: ['task.completed'],
};
/** The admin feed items each step makes (notification's rules; no item for task.assigned). */
const FEED: Record<TaskStep, readonly string[]> = {
  create: ['task.created'],
  send: ['task.sent'],
  accept: ['task.accepted'],
  reject: ['task.rejected'],
  'release-client-info': ['task.client-info-released'],
  complete: ['task.completed'],
};

class Tally {
  private expected = 0;
  private found = 0;
  private lost = 0;
  private doubled = 0;

  constructor(
    readonly effect: string,
    private readonly problems: string[],
  ) {}

  add(item: string, expected: number, found: number): void {
    this.expected += expected;
    this.found += found;
    this.lost += Math.max(0, expected - found);
    this.doubled += Math.max(0, found - expected);
    if (found !== expected)
      this.problems.push(`${item}: ${this.effect} — expected ${expected}, found ${found}`);
  }

  row(): CountRow {
    const { effect, expected, found, lost, doubled } = this;
    return { effect, expected, found, lost, doubled };
  }
}

/**
 * Compares what the load performed (the ledger) with what the system recorded (its schemas)
 * and delivered (the sandbox's chats): every performed action exactly one effect, every
 * expected notification exactly once.
 */
export function judge({
  ledger,
  effects,
  sandbox,
  botToken,
  welcome,
}: {
  ledger: ChaosLedger;
  effects: RecordedEffects;
  sandbox: TelegramSandbox;
  botToken: string;
  welcome: WelcomeCounts;
}): Verdict {
  const problems: string[] = [];
  const tally = (effect: string) => new Tally(effect, problems);
  const log = (chatId: number): ChatEvent[] => sandbox.chatLog(botToken, chatId);
  const botMessages = (chatId: number) => log(chatId).filter((event) => event.kind === 'message');

  const people = tally('joins: person in identity');
  const registered = tally('joins: user.registered in audit');
  const joinFeed = tally('joins: admin feed item');
  const welcomes = tally('joins: welcome replies (bot)');
  for (const join of ledger.joins) {
    const label = `join ${join.user.username ?? join.user.id}`;
    const person = effects.people.get(String(join.user.id));
    people.add(label, 1, person?.count ?? 0);
    const userId = person?.userId ?? '-';
    registered.add(label, 1, effects.journal.get(typeAndId('user.registered', userId)) ?? 0);
    joinFeed.add(label, 1, effects.adminFeed.get(typeAndId('user.registered', userId)) ?? 0);
    welcomes.add(label, welcome[join.role], botMessages(join.user.id).length);
  }

  const flows = tally('task flows finished');
  const tasks = tally('tasks: task in task service');
  const history = new Map(STEPS.map((step) => [step, tally(`tasks: history ${step}`)]));
  const otherHistory = tally('tasks: history, other actions');
  const events = tally('tasks: events in audit');
  const feed = tally('tasks: admin feed items');
  const offers = tally('technicians: offers (bot)');
  const offerEdits = tally('technicians: offer marked ✅/❌ (edit)');
  const infos = tally('technicians: client info (bot)');
  const questions = tally('technicians: reject reason asked (bot)');
  const confirmations = tally('technicians: completed/rejected confirmed (bot)');
  const answers = tally('technicians: button presses answered');
  for (const task of ledger.tasks) {
    const label = `task ${task.index} (#${task.number ?? '?'})`;
    flows.add(label, 1, task.done ? 1 : 0);
    const performed = (step: TaskStep) => (task.performed.includes(step) ? 1 : 0);
    tasks.add(label, performed('create'), effects.tasksByTitle.get(task.title)?.length ?? 0);
    const id = task.taskId ?? '-';
    const actions = effects.history.get(id) ?? [];
    for (const step of STEPS) history.get(step)!.add(label, performed(step), count(actions, step));
    otherHistory.add(label, 0, actions.filter((action) => !STEPS.includes(action as TaskStep)).length);
    compareTypes(label, task, effects.journal, id, EVENTS, events);
    compareTypes(label, task, effects.adminFeed, id, FEED, feed);

    const chat = task.technician.user.id;
    const sent = botMessages(chat);
    const offered = sent.filter((event) => hasButton(event.message, taskButton('accept', id)));
    offers.add(label, performed('send'), offered.length);
    const answered = performed('accept') + performed('reject');
    const marks = log(chat).filter(
      (event) =>
        event.kind === 'edit' &&
        offered.some((offer) => offer.messageId === event.messageId) &&
        // The offer keeps its details; its last line says how it ended.
        /(^|\n)(✅|❌)[^\n]*$/.test(event.message?.text ?? ''),
    );
    offerEdits.add(label, answered, marks.length);
    infos.add(
      label,
      performed('release-client-info'),
      sent.filter((event) => hasButton(event.message, taskButton('complete', id))).length,
    );
    questions.add(
      label,
      task.presses.filter((press) => press.button === 'reject').length,
      sent.filter((event) => hasButton(event.message, taskButton('skip', id))).length,
    );
    const confirmation = new RegExp(`^Task #${task.number ?? 0} (marked as completed|rejected)`);
    confirmations.add(
      label,
      performed('complete') + performed('reject'),
      sent.filter((event) => confirmation.test(event.message?.text ?? '')).length,
    );
    for (const press of task.presses) {
      const answersOf = log(chat).filter(
        (event) =>
          event.kind === 'callback_answer' && event.params.callback_query_id === press.callbackQueryId,
      );
      answers.add(`${label} ${press.button}`, 1, answersOf.length);
    }
  }

  // Each technician's chat as a whole: nothing the bot sent beyond what was expected.
  const chats = tally('technicians: every bot message');
  const technicians = new Set(ledger.tasks.map((task) => task.technician));
  for (const technician of technicians) {
    const theirs = ledger.tasks.filter((task) => task.technician === technician);
    const expected =
      welcome.technician +
      theirs.reduce(
        (sum, task) =>
          sum +
          STEPS.filter((step) => step !== 'create' && step !== 'accept' && task.performed.includes(step))
            .length +
          task.presses.filter((press) => press.button === 'reject').length,
        0,
      );
    chats.add(
      `technician ${technician.user.username ?? technician.user.id}`,
      expected,
      botMessages(technician.user.id).length,
    );
  }

  const redelivered = tally('updates delivered 3×: effect once');
  for (const join of ledger.joins.filter((candidate) => candidate.redelivered > 0)) {
    redelivered.add(
      `/start of ${join.user.username ?? join.user.id}`,
      1,
      effects.people.get(String(join.user.id))?.count ?? 0,
    );
  }
  for (const task of ledger.tasks.filter((candidate) => (candidate.acceptUpdate?.redelivered ?? 0) > 0)) {
    redelivered.add(
      `Accept of task ${task.index}`,
      1,
      count(effects.history.get(task.taskId ?? '-') ?? [], 'accept'),
    );
  }

  const rows = [
    people,
    registered,
    joinFeed,
    welcomes,
    flows,
    tasks,
    ...history.values(),
    otherHistory,
    events,
    feed,
    offers,
    offerEdits,
    infos,
    questions,
    confirmations,
    answers,
    chats,
    redelivered,
  ].map((row) => row.row());
  return { rows, problems };
}

/** Every event type a task's steps call for once, and any other type found, expected never. */
function compareTypes(
  label: string,
  task: TaskAction,
  counts: Map<string, number>,
  id: string,
  byStep: Record<TaskStep, readonly string[]>,
  into: Tally,
): void {
  const expected = new Map<string, number>();
  for (const step of STEPS)
    for (const type of byStep[step]) expected.set(type, task.performed.includes(step) ? 1 : 0);
  for (const key of counts.keys()) {
    const [type, keyId] = key.split('|') as [string, string];
    if (keyId === id && type.startsWith('task.') && !expected.has(type)) expected.set(type, 0);
  }
  for (const [type, times] of expected)
    into.add(`${label} ${type}`, times, counts.get(typeAndId(type, id)) ?? 0);
}

function count(values: readonly string[], value: string): number {
  return values.filter((candidate) => candidate === value).length;
}
