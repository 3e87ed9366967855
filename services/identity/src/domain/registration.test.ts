import { describe, expect, it } from 'vitest';
import {
  changedProfileFields,
  decideLink,
  inviteIsValid,
  planNewPerson,
  profileFieldsFrom,
} from './registration.js';

const now = new Date('2026-05-01T12:00:00Z');
const later = new Date('2026-05-02T12:00:00Z');
const earlier = new Date('2026-04-30T12:00:00Z');

describe('a new person', () => {
  it('is a client after a plain start (S3-06)', () => {
    expect(planNewPerson({ kind: 'plain' })).toEqual({ role: 'client', via: 'start', outcome: 'registered' });
  });
  it('gets the role of a valid invite (S0-02)', () => {
    expect(planNewPerson({ kind: 'invite', role: 'technician' })).toEqual({
      role: 'technician',
      via: 'invite',
      outcome: 'registered',
    });
  });
  it('is still registered, as a client, when the invite or link does not work', () => {
    expect(planNewPerson({ kind: 'invite', role: null })).toEqual({
      role: 'client',
      via: 'start',
      outcome: 'invite-invalid',
    });
    expect(planNewPerson({ kind: 'link-refused' }).outcome).toBe('link-invalid');
  });
});

describe('the Telegram profile', () => {
  it('is stored trimmed, with empty parts as null; the language is kept when Telegram omits it', () => {
    const current = { username: 'old', firstName: 'Ivan', lastName: 'P', languageCode: 'ru' };
    const next = profileFieldsFrom({ telegramId: 1, firstName: ' Ivan ', lastName: '' }, current);
    expect(next).toEqual({ username: null, firstName: 'Ivan', lastName: null, languageCode: 'ru' });
    expect(changedProfileFields(current, next)).toEqual(['username', 'lastName']);
    expect(changedProfileFields(next, next)).toEqual([]);
  });
});

describe('a link token', () => {
  const link = { userId: 'target', expiresAt: later, usedAt: null };
  it('attaches an account nobody has to the person it was made for', () => {
    expect(decideLink({ link, ownerId: undefined, now })).toEqual({ action: 'attach' });
  });
  it('confirms when the account already belongs to that person, even once used', () => {
    expect(decideLink({ link: { ...link, usedAt: now }, ownerId: 'target', now })).toEqual({
      action: 'confirm',
    });
  });
  it('never takes an account from another person', () => {
    expect(decideLink({ link, ownerId: 'someone-else', now })).toEqual({ action: 'refuse', reason: 'taken' });
  });
  it('is refused when unknown, used or expired', () => {
    expect(decideLink({ link: undefined, ownerId: undefined, now })).toMatchObject({ reason: 'unknown' });
    expect(decideLink({ link: { ...link, usedAt: earlier }, ownerId: undefined, now })).toMatchObject({
      reason: 'used',
    });
    expect(decideLink({ link: { ...link, expiresAt: now }, ownerId: undefined, now })).toMatchObject({
      reason: 'expired',
    });
  });
});

describe('an invite', () => {
  it('admits people until used up or expired', () => {
    expect(inviteIsValid({ maxUses: null, uses: 1000, expiresAt: null }, now)).toBe(true);
    expect(inviteIsValid({ maxUses: 2, uses: 1, expiresAt: later }, now)).toBe(true);
    expect(inviteIsValid({ maxUses: 2, uses: 2, expiresAt: null }, now)).toBe(false);
    expect(inviteIsValid({ maxUses: null, uses: 0, expiresAt: earlier }, now)).toBe(false);
  });
});
