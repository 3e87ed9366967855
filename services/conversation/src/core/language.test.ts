import { describe, expect, it } from 'vitest';
import { knownCommand, meaningOfText } from './commands.js';
import { chooseLang } from './language.js';
import { readStartPayload } from './start-payload.js';

describe('chooseLang', () => {
  it("prefers the user's Telegram language, then the chat's last one, then the organization's", () => {
    expect(chooseLang({ telegramCode: 'en', sessionLang: 'ru', orgLang: 'ru' })).toBe('en');
    expect(chooseLang({ telegramCode: 'uk', orgLang: 'en' })).toBe('ru');
    expect(chooseLang({ telegramCode: 'de', orgLang: 'ru' })).toBe('en');
    expect(chooseLang({ telegramCode: undefined, sessionLang: 'en', orgLang: 'ru' })).toBe('en');
    expect(chooseLang({ telegramCode: ' ', orgLang: 'ru' })).toBe('ru');
    expect(chooseLang({ orgLang: 'en' })).toBe('en');
  });
});

describe('reading what was sent', () => {
  it('passes a start payload as is, none for a plain /start, and flags one that cannot be a token', () => {
    expect(readStartPayload('')).toEqual({ malformed: false });
    expect(readStartPayload('  ')).toEqual({ malformed: false });
    expect(readStartPayload('inv_AbC-123')).toEqual({ payload: 'inv_AbC-123', malformed: false });
    expect(readStartPayload('x'.repeat(64))).toEqual({ payload: 'x'.repeat(64), malformed: false });
    expect(readStartPayload('x'.repeat(65))).toEqual({ malformed: true });
  });

  it('tells menu buttons from free text for the role, and known commands from others', () => {
    expect(meaningOfText('technician', '📋 My tasks')).toEqual({ kind: 'menu', action: 'myTasks' });
    expect(meaningOfText('technician', '📦 New waybill')).toEqual({ kind: 'free-text' });
    expect(meaningOfText('client', '📦 Новая накладная')).toEqual({ kind: 'menu', action: 'newWaybill' });
    expect(knownCommand('start')).toBe('start');
    expect(knownCommand('cancel')).toBe('cancel');
    expect(knownCommand('settings')).toBeUndefined();
  });
});
