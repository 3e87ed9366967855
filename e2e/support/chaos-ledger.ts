import type { SandboxUser } from '@fieldgram/telegram-sandbox';

/** A technician who joined before the chaos and answers offers during it. */
export interface Technician {
  user: SandboxUser;
  /** Their id in identity. */
  id: string;
}

/** A /start by a new user: one person in identity, one user.registered, one admin feed item. */
export interface JoinAction {
  user: SandboxUser;
  role: 'technician' | 'client';
  updateId: number;
  /** The same update was delivered this many more times (sandbox.redeliver). */
  redelivered: number;
}

/** What the admin and the technician did to one task; each step is one user action. */
export type TaskStep = 'create' | 'send' | 'accept' | 'reject' | 'release-client-info' | 'complete';

export interface TaskAction {
  index: number;
  title: string;
  technician: Technician;
  answer: 'accept' | 'reject';
  taskId?: string;
  number?: number;
  /** The steps performed (answered by the API, or a press/text the technician sent), in order. */
  performed: TaskStep[];
  /** The technician's button presses: each is answered once (answerCallbackQuery). */
  presses: { button: 'accept' | 'reject' | 'complete'; callbackQueryId: string }[];
  /** The accept press's update id, and how many more times it was delivered. */
  acceptUpdate?: { updateId: number; redelivered: number };
  /** Why the flow could not go on (it waited for an effect that never came). */
  stuck?: string;
  /** Flow finished (its last effect observed). */
  done: boolean;
}

/** Everything the scripted load did, for comparison with what the system recorded. */
export class ChaosLedger {
  readonly joins: JoinAction[] = [];
  readonly tasks: TaskAction[] = [];
  /** What the REST client did about unknown outcomes (retries, state reads), one line each. */
  readonly retries: string[] = [];

  note(line: string): void {
    this.retries.push(line);
  }
}
