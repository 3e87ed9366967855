import { describe, expect, it } from 'vitest';
import { MAIN_MENUS, ROLES, mainMenuKeyboard, menuActionOf, menuActions, menuLabel } from './main-menu.js';
import { callbackButton, chunk, inlineKeyboard } from './inline.js';

describe('main menus', () => {
  it('gives each role the entries of its requirements', () => {
    expect(menuActions('technician')).toEqual(['myTasks', 'help']);
    expect(menuActions('client')).toEqual(
      expect.arrayContaining(['newWaybill', 'fileClaim', 'myWaybills', 'callManager']),
    );
    expect(menuActions('admin')).toEqual(expect.arrayContaining(['users', 'inviteTechnician', 'settings']));
    expect(menuActions('manager')).toEqual(expect.arrayContaining(['myClients', 'chats', 'claims']));
    expect(menuActions('workshop')).toEqual(expect.arrayContaining(['workshopQueue']));
    for (const role of ROLES) expect(menuActions(role)).toContain('help');
  });

  it('renders a persistent, resized reply keyboard in the language asked for', () => {
    const keyboard = mainMenuKeyboard('client', 'en');
    expect(keyboard.is_persistent).toBe(true);
    expect(keyboard.resize_keyboard).toBe(true);
    expect(keyboard.keyboard.map((row) => row.map((button) => button.text))).toEqual([
      ['📦 New waybill', '📝 New claim'],
      ['🗂 My waybills', '📞 Call my manager'],
      ['❓ Help'],
    ]);
    expect(
      mainMenuKeyboard('technician', 'ru')
        .keyboard.flat()
        .map((b) => b.text),
    ).toEqual(['📋 Мои задачи', '❓ Помощь']);
  });

  it("recognizes a role's button in either language, typed loosely, and nothing else", () => {
    expect(menuActionOf('technician', '📋 My tasks')).toBe('myTasks');
    expect(menuActionOf('technician', '📋 Мои задачи')).toBe('myTasks');
    expect(menuActionOf('technician', '  my TASKS ')).toBe('myTasks');
    expect(menuActionOf('technician', '📦 New waybill')).toBeUndefined(); // a client's button
    expect(menuActionOf('client', 'hello')).toBeUndefined();
    expect(menuActionOf('client', '📦')).toBeUndefined();
    for (const role of ROLES)
      for (const action of MAIN_MENUS[role].flat())
        for (const lang of ['ru', 'en'] as const)
          expect(menuActionOf(role, menuLabel(action, lang))).toBe(action);
  });

  it('builds inline keyboards from encoded callback buttons, in rows', () => {
    const buttons = [1, 2, 3, 4, 5].map((n) =>
      callbackButton(`#${n}`, { ns: 'task', action: 'open', id: String(n) }),
    );
    const markup = inlineKeyboard([...chunk(buttons, 2), []]);
    expect(markup.inline_keyboard).toHaveLength(3);
    expect(markup.inline_keyboard[2]).toEqual([{ text: '#5', callback_data: 'task:open:5' }]);
    expect(() => chunk(buttons, 0)).toThrow();
  });
});
