import { describe, expect, it } from 'vitest';
import type { WizardButtonAction } from '@fieldgram/bot-ui';
import type { WizardState } from '../session/session-store.js';
import { parcelWizard } from '../../test/support/parcel-wizard.js';
import { leftUnfinished, type LeaveReason } from './abandonment.js';
import { advance, canGoBack, idleDeadline, isOutdated, startState, type WizardOutcome } from './machine.js';

const parcel = parcelWizard();
const T0 = 1_800_000_000_000;
const started = startState(parcel, { run: 'r1', userId: 'u1', context: { from: 'menu' }, now: T0 });

const text = (state: WizardState, sent: string, now = T0 + 1) =>
  advance(parcel, state, { kind: 'text', text: sent }, now);
const press = (
  state: WizardState,
  action: WizardButtonAction,
  step = state.step,
  index?: number,
  run = 'r1',
) =>
  advance(
    parcel,
    state,
    { kind: 'press', press: { action, run, step, ...(index !== undefined ? { index } : {}) } },
    T0 + 2,
  );
/** The state an outcome moved to (the test fails on an outcome without one). */
const stateOf = (outcome: WizardOutcome): WizardState => {
  if (outcome.kind !== 'ask' && outcome.kind !== 'summary')
    throw new Error(`expected a state, got ${outcome.kind}`);
  return outcome.state;
};
const atSummary = stateOf(press(stateOf(press(stateOf(text(started, '12.5')), 'pick', 1, 1)), 'skip', 2));

describe('the wizard state machine', () => {
  it('starts at step 1 of its version, under a run of its own, for the person and context given', () => {
    expect(started).toEqual({
      name: 'parcel',
      version: 1,
      run: 'r1',
      step: 0,
      data: {},
      context: { from: 'menu' },
      userId: 'u1',
      updatedAt: T0,
    });
    expect(canGoBack(started)).toBe(false);
  });

  it('next: a valid answer is kept and the next step asked', () => {
    const outcome = text(started, ' 12,5 ');
    expect(outcome).toEqual({
      kind: 'ask',
      state: { ...started, step: 1, data: { weight: 12.5 }, updatedAt: T0 + 1 },
    });
    expect(canGoBack(stateOf(outcome))).toBe(true);
  });

  it('invalid: the same step again, with the error and its example, nothing kept', () => {
    const outcome = text(started, 'heavy');
    expect(outcome).toMatchObject({ kind: 'ask', state: { step: 0, data: {} } });
    if (outcome.kind !== 'ask' || typeof outcome.error !== 'function')
      throw new Error('expected an error text');
    expect(outcome.error('en', {})).toBe('Weight in kg, e.g. 12.5');
    expect(text(started, '5000')).toMatchObject({ kind: 'ask', state: { step: 0 } }); // over the maximum
    // A step answered by its buttons only: typing says so.
    const size = stateOf(text(started, '3'));
    expect(text(size, 'medium')).toEqual({
      kind: 'ask',
      state: { ...size, updatedAt: T0 + 1 },
      error: 'wizard.invalid.choice',
    });
  });

  it('a choice is one tap; one it does not have is stale', () => {
    const size = stateOf(text(started, '3'));
    expect(stateOf(press(size, 'pick', 1, 2))).toMatchObject({ step: 2, data: { weight: 3, size: 'l' } });
    expect(press(size, 'pick', 1, 3)).toEqual({ kind: 'stale' });
    expect(press(started, 'pick', 0, 0)).toEqual({ kind: 'stale' }); // the weight has no choices
  });

  it('back: the previous step, answers kept; from step 1 there is nothing to go back to (stale)', () => {
    const note = stateOf(press(stateOf(text(started, '3')), 'pick', 1, 0));
    expect(press(note, 'back')).toEqual({ kind: 'ask', state: { ...note, step: 1, updatedAt: T0 + 2 } });
    expect(stateOf(press(note, 'back')).data).toEqual({ weight: 3, size: 's' });
    expect(press(started, 'back')).toEqual({ kind: 'stale' });
  });

  it('cancel: leaves, from any step', () => {
    expect(press(started, 'cancel')).toEqual({ kind: 'cancelled', state: started });
    expect(press(atSummary, 'cancel')).toEqual({ kind: 'cancelled', state: atSummary });
  });

  it('skip: an optional step is left empty; a required one cannot be skipped (stale)', () => {
    const note = stateOf(press(stateOf(text(started, '3')), 'pick', 1, 0));
    const skipped = press({ ...note, data: { ...note.data, note: 'old' } }, 'skip');
    expect(skipped).toMatchObject({ kind: 'summary', state: { step: 3, data: { weight: 3, size: 's' } } });
    expect(stateOf(skipped).data).not.toHaveProperty('note');
    expect(press(started, 'skip')).toEqual({ kind: 'stale' });
  });

  it('the last answer leads to the summary; text there only hints at the buttons', () => {
    expect(atSummary).toMatchObject({ step: 3, data: { weight: 12.5, size: 'm' } });
    expect(text(atSummary, 'ok')).toEqual({
      kind: 'summary',
      state: { ...atSummary, updatedAt: T0 + 1 },
      hint: true,
    });
  });

  it('summary edit: the field asked again, then straight back to the summary; Back while editing returns too', () => {
    const editing = stateOf(press(atSummary, 'edit', 3, 0));
    expect(editing).toMatchObject({ step: 0, editing: true, data: { weight: 12.5, size: 'm' } });
    expect(canGoBack(editing)).toBe(true);
    const edited = text(editing, '14');
    expect(edited).toMatchObject({ kind: 'summary', state: { step: 3, data: { weight: 14, size: 'm' } } });
    expect(stateOf(edited)).not.toHaveProperty('editing');
    expect(press(editing, 'back')).toMatchObject({
      kind: 'summary',
      state: { step: 3, data: { weight: 12.5 } },
    });
    expect(press(atSummary, 'edit', 3, 3)).toEqual({ kind: 'stale' }); // no such field
    expect(press(atSummary, 'back')).toMatchObject({ kind: 'ask', state: { step: 2 } });
  });

  it('confirm: the answers and the context, only from the summary', () => {
    expect(press(atSummary, 'confirm')).toEqual({
      kind: 'confirmed',
      confirmed: { answers: { weight: 12.5, size: 'm' }, context: { from: 'menu' } },
    });
    expect(press(started, 'confirm', 0)).toEqual({ kind: 'stale' });
    expect(press(started, 'edit', 0, 0)).toEqual({ kind: 'stale' });
    // A required answer missing at the summary (only a definition changed in place could do it): asked.
    expect(press({ ...atSummary, data: { size: 'm' } }, 'confirm')).toMatchObject({
      kind: 'ask',
      state: { step: 0, editing: true },
    });
  });

  it('stale: a button of another run, or of a step the wizard has moved on from, changes nothing', () => {
    const size = stateOf(text(started, '3'));
    expect(press(size, 'cancel', 0)).toEqual({ kind: 'stale' }); // step 1's old Cancel
    expect(press(size, 'pick', 1, 0, 'other')).toEqual({ kind: 'stale' });
    expect(press(atSummary, 'confirm', 3, undefined, 'other')).toEqual({ kind: 'stale' });
  });

  it('resume: state of the same version goes on; a changed version, a gone wizard or a broken state is outdated', () => {
    expect(isOutdated(parcel, atSummary)).toBe(false);
    expect(isOutdated(parcelWizard(undefined, 2), atSummary)).toBe(true);
    expect(isOutdated(undefined, atSummary)).toBe(true);
    expect(isOutdated(parcel, { name: 'parcel', step: 0, data: {} })).toBe(true); // stored before versions
    expect(isOutdated(parcel, { ...atSummary, step: 4 })).toBe(true);
  });

  it('idle: the deadline counts from the last move', () => {
    expect(idleDeadline(started, 60_000)).toBe(T0 + 60_000);
    expect(idleDeadline(stateOf(text(started, '3', T0 + 5)), 60_000)).toBe(T0 + 60_005);
  });
});

describe('a wizard left unfinished', () => {
  it('is described by who, which wizard, the step reached and the answers so far, for every reason', () => {
    const size = stateOf(text(started, '3'));
    const reasons: LeaveReason[] = ['cancel', 'menu', 'start', 'timeout', 'outdated', 'replaced', 'blocked'];
    for (const reason of reasons)
      expect(leftUnfinished(parcel, size, { reason, chatId: 42, now: T0 })).toEqual({
        wizard: 'parcel',
        version: 1,
        run: 'r1',
        reason,
        chatId: 42,
        userId: 'u1',
        step: 2,
        totalSteps: 3,
        atSummary: false,
        answers: { weight: 3 },
        context: { from: 'menu' },
        at: new Date(T0).toISOString(),
      });
    expect(leftUnfinished(parcel, atSummary, { reason: 'menu', chatId: 42, now: T0 })).toMatchObject({
      step: 3,
      atSummary: true,
      answers: { weight: 12.5, size: 'm' },
    });
    // Its definition gone: what the state says.
    expect(leftUnfinished(undefined, size, { reason: 'outdated', chatId: 42, now: T0 })).toMatchObject({
      wizard: 'parcel',
      totalSteps: 0,
      step: 2,
    });
  });

  it('is reported once: after an inactivity report, leaving the same run is no new abandonment', () => {
    const reported = { ...stateOf(text(started, '3')), reported: true };
    expect(leftUnfinished(parcel, reported, { reason: 'cancel', chatId: 42, now: T0 })).toBeUndefined();
  });
});
