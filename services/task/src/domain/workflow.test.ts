import { describe, expect, it } from 'vitest';
import { availableActions, fire, type WorkflowDefinition } from './workflow.js';

// A made-up workflow: the engine works for any states, roles and actions.
type S = 'draft' | 'review' | 'approved';
type R = 'author' | 'curator';
const review: WorkflowDefinition<S, R, 'submit' | 'approve' | 'reopen'> = {
  name: 'review',
  states: ['draft', 'review', 'approved'],
  initial: 'draft',
  actions: {
    submit: {
      from: ['draft'],
      to: 'review',
      by: ['author'],
      requires: { photo: '{label} needs a photo before it is submitted' },
      refusals: { review: '{label} is already waiting for review' },
    },
    approve: { from: ['review'], to: 'approved', by: ['curator'], refusals: { forbidden: 'curators only' } },
    reopen: { from: '*', to: (subject) => subject.target ?? 'draft', by: ['curator'] },
  },
};
const author = { roles: ['author'] as R[] };
const curator = { roles: ['curator'] as R[] };
const stage = (status: S, facts: Record<string, boolean> = {}) => ({ status, label: 'stage 2', facts });

describe('fire', () => {
  it('leads to the target state when everything holds', () => {
    expect(fire(review, stage('draft', { photo: true }), 'submit', author)).toEqual({ to: 'review' });
  });

  it('refuses an actor without the role, with the action message or a default one', () => {
    expect(fire(review, stage('review'), 'approve', author)).toEqual({
      kind: 'forbidden',
      refused: 'curators only',
    });
    expect(fire(review, stage('draft', { photo: true }), 'submit', curator)).toEqual({
      kind: 'forbidden',
      refused: 'only author may submit stage 2',
    });
  });

  it('refuses from a state the action does not start from', () => {
    expect(fire(review, stage('review', { photo: true }), 'submit', author)).toEqual({
      kind: 'state',
      refused: 'stage 2 is already waiting for review',
    });
    expect(fire(review, stage('approved'), 'approve', curator)).toEqual({
      kind: 'state',
      refused: 'stage 2 is approved: cannot approve it',
    });
  });

  it('refuses when a required fact is missing', () => {
    expect(fire(review, stage('draft'), 'submit', author)).toEqual({
      kind: 'requirement',
      refused: 'stage 2 needs a photo before it is submitted',
    });
  });

  it('computes a chosen destination and refuses to stay put unless allowed', () => {
    expect(fire(review, { ...stage('approved'), target: 'review' }, 'reopen', curator)).toEqual({
      to: 'review',
    });
    expect(fire(review, { ...stage('draft'), target: 'draft' }, 'reopen', curator)).toEqual({
      kind: 'unchanged',
      refused: 'stage 2 is already draft',
    });
  });

  it('lists the actions available to an actor in a state', () => {
    expect(availableActions(review, 'review', curator)).toEqual(['approve', 'reopen']);
    expect(availableActions(review, 'draft', author)).toEqual(['submit']);
  });
});
