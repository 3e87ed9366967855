import { describe, expect, it } from 'vitest';
import { FloodPacer, isGroupChat } from './flood-pacer.js';

const limits = { perSecond: 10, perChatPerSecond: 2, perGroupPerMinute: 6 };

describe('FloodPacer', () => {
  it('spaces the messages of one private chat by its rate', () => {
    const pacer = new FloodPacer(limits, 1);
    expect([0, 0, 0].map(() => pacer.reserveChat(42, 0))).toEqual([0, 500, 1000]);
  });

  it('spaces a group by its per-minute rate', () => {
    const pacer = new FloodPacer(limits, 1);
    expect(pacer.reserveChat(-100, 0)).toBe(0);
    expect(pacer.reserveChat(-100, 0)).toBe(10_000);
  });

  it('keeps chats independent of each other', () => {
    const pacer = new FloodPacer(limits, 1);
    pacer.reserveChat(1, 0);
    pacer.reserveChat(1, 0);
    expect(pacer.reserveChat(2, 0)).toBe(0);
  });

  it('spaces everything by the global rate', () => {
    const pacer = new FloodPacer(limits, 1);
    expect([0, 0, 0].map(() => pacer.reserveGlobal(0))).toEqual([0, 100, 200]);
    expect(pacer.reserveGlobal(1_000)).toBe(1_000); // an idle bot does not bank slots
  });

  it('never lets any one-second window hold more than the limits', () => {
    const pacer = new FloodPacer(limits);
    const sends: { chat: number; at: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const chat = i % 7;
      const chatAt = pacer.reserveChat(chat, 0);
      sends.push({ chat, at: pacer.reserveGlobal(chatAt) });
    }
    for (const { at } of sends) {
      const window = sends.filter((send) => send.at > at - 1000 && send.at <= at);
      expect(window.length).toBeLessThanOrEqual(limits.perSecond);
      for (let chat = 0; chat < 7; chat++) {
        expect(window.filter((send) => send.chat === chat).length).toBeLessThanOrEqual(
          limits.perChatPerSecond,
        );
      }
    }
  });

  it('holds a chat after a 429 and forgets idle chats', () => {
    const pacer = new FloodPacer(limits, 1);
    pacer.holdChat(5, 3_000);
    expect(pacer.reserveChat(5, 0)).toBe(3_000);
    pacer.forgetIdleChats(10_000);
    expect(pacer.trackedChats()).toBe(0);
  });

  it('tells groups from private chats by the sign of the id', () => {
    expect(isGroupChat(-1001234)).toBe(true);
    expect(isGroupChat(1234)).toBe(false);
  });

  it("counts a chat's next slot from when its message actually went out (the bot's slot came later)", () => {
    const pacer = new FloodPacer(limits, 1);
    expect(pacer.reserveChat(7, 0)).toBe(0);
    pacer.sentToChat(7, 300); // waited 300 ms for the bot's slot
    expect(pacer.reserveChat(7, 0)).toBe(800); // 300 + 500 (2 per second), not 0 + 500
  });
});
