import { describe, expect, it } from 'vitest';
import { personLang } from './lang.js';

describe("a person's language", () => {
  it('is the one staff chose, else their Telegram app’s, else the organization’s', () => {
    expect(personLang({ language: 'en', languageCode: 'ru' }, 'ru')).toBe('en');
    expect(personLang({ language: 'ru', languageCode: 'en-US' }, 'en')).toBe('ru');
    expect(personLang({ language: null, languageCode: 'en-US' }, 'ru')).toBe('en');
    expect(personLang({ language: null, languageCode: 'uk' }, 'en')).toBe('ru');
    expect(personLang({ languageCode: 'de' }, 'ru')).toBe('en');
    expect(personLang({ language: null, languageCode: null }, 'ru')).toBe('ru');
    expect(personLang({ language: null, languageCode: ' ' }, 'en')).toBe('en');
    expect(personLang({}, 'en')).toBe('en');
  });
});
