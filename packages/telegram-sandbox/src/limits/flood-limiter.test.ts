import { describe, expect, it } from 'vitest';
import { FloodLimiter } from './flood-limiter.js';

const BOT = 1;
const USER_CHAT = 100;
const GROUP_CHAT = -200;

describe('FloodLimiter', () => {
  it('allows one call per chat per second, then names the seconds to wait', () => {
    const limiter = new FloodLimiter();
    expect(limiter.tryCall(BOT, USER_CHAT, false, 10_000)).toEqual({ allowed: true });
    expect(limiter.tryCall(BOT, USER_CHAT, false, 10_100)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another chat is not affected.
    expect(limiter.tryCall(BOT, USER_CHAT + 1, false, 10_100)).toEqual({ allowed: true });
    // The window slides: a second after the first call there is room again.
    expect(limiter.tryCall(BOT, USER_CHAT, false, 11_000)).toEqual({ allowed: true });
  });

  it('does not count refused calls', () => {
    const limiter = new FloodLimiter();
    limiter.tryCall(BOT, USER_CHAT, false, 0);
    for (let t = 100; t < 1_000; t += 100)
      expect(limiter.tryCall(BOT, USER_CHAT, false, t).allowed).toBe(false);
    expect(limiter.tryCall(BOT, USER_CHAT, false, 1_000).allowed).toBe(true);
  });

  it('limits the whole bot to perBotPerSecond across chats', () => {
    const limiter = new FloodLimiter();
    for (let chat = 0; chat < 30; chat += 1)
      expect(limiter.tryCall(BOT, chat, false, 500).allowed).toBe(true);
    expect(limiter.tryCall(BOT, 31, false, 900)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.tryCall(BOT + 1, 31, false, 900).allowed).toBe(true);
    expect(limiter.tryCall(BOT, 31, false, 1_500).allowed).toBe(true);
  });

  it('limits a group per minute, with retry_after in whole seconds until the oldest call leaves', () => {
    const limiter = new FloodLimiter({ perGroupPerMinute: 3 });
    expect(limiter.tryCall(BOT, GROUP_CHAT, true, 0).allowed).toBe(true);
    expect(limiter.tryCall(BOT, GROUP_CHAT, true, 1_000).allowed).toBe(true);
    expect(limiter.tryCall(BOT, GROUP_CHAT, true, 2_000).allowed).toBe(true);
    expect(limiter.tryCall(BOT, GROUP_CHAT, true, 3_000)).toEqual({ allowed: false, retryAfterSeconds: 57 });
    expect(limiter.tryCall(BOT, GROUP_CHAT, true, 59_500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.tryCall(BOT, GROUP_CHAT, true, 60_000).allowed).toBe(true);
    // A private chat with the same number is not a group and has no per-minute window.
    for (let t = 0; t < 10_000; t += 1_000) expect(limiter.tryCall(BOT, 7, false, t).allowed).toBe(true);
  });

  it("takes Telegram's values by default, accepts overrides and can be switched off", () => {
    expect(new FloodLimiter().currentLimits()).toEqual({
      perBotPerSecond: 30,
      perChatPerSecond: 1,
      perGroupPerMinute: 20,
    });
    const limiter = new FloodLimiter({ perChatPerSecond: 2 });
    expect(limiter.tryCall(BOT, USER_CHAT, false, 0).allowed).toBe(true);
    expect(limiter.tryCall(BOT, USER_CHAT, false, 1).allowed).toBe(true);
    expect(limiter.tryCall(BOT, USER_CHAT, false, 2).allowed).toBe(false);
    limiter.setLimits('off');
    for (let i = 0; i < 100; i += 1) expect(limiter.tryCall(BOT, USER_CHAT, false, 3).allowed).toBe(true);
  });
});
