import { describe, expect, it } from 'vitest';
import { mayHaveLogin, nameOf, profileLink, type NameParts } from './people.js';

const nobody: NameParts = {
  displayName: null,
  firstName: null,
  lastName: null,
  login: null,
  username: null,
  telegramId: null,
};

describe('people', () => {
  it('link to a Telegram profile by username, else by id (S0-03)', () => {
    expect(profileLink('ivan_t', 42)).toBe('https://t.me/ivan_t');
    expect(profileLink(null, 42)).toBe('tg://user?id=42');
    expect(profileLink(null, null)).toBeNull();
  });

  it('are called by the name staff set, else their Telegram name, else their login (S3-07)', () => {
    const ivan = { ...nobody, firstName: 'Ivan', lastName: 'Petrov', login: 'ivan', username: 'ivan_t' };
    expect(nameOf({ ...ivan, displayName: 'Master Ivan' })).toBe('Master Ivan');
    expect(nameOf(ivan)).toBe('Ivan Petrov');
    expect(nameOf({ ...ivan, lastName: null })).toBe('Ivan');
    expect(nameOf({ ...ivan, firstName: ' ', lastName: null })).toBe('ivan');
    expect(nameOf({ ...nobody, username: 'ivan_t' })).toBe('@ivan_t');
    expect(nameOf({ ...nobody, telegramId: 42 })).toBe('Telegram 42');
    expect(nameOf(nobody)).toBe('unnamed');
  });

  it('only staff may have a REST login', () => {
    expect(mayHaveLogin('admin')).toBe(true);
    expect(mayHaveLogin('manager')).toBe(true);
    for (const role of ['technician', 'workshop', 'client'] as const) expect(mayHaveLogin(role)).toBe(false);
  });
});
