import { describe, expect, it } from 'vitest';
import { CallbackDataError, callbackNamespace, encodeCallback, parseCallback } from './callback-codec.js';

const uuid = '0194f1a2-7b3c-7def-8a9b-0123456789ab';

describe('callback codec', () => {
  it('encodes ns:action:id[:arg] and parses it back', () => {
    expect(encodeCallback({ ns: 'task', action: 'accept', id: uuid })).toBe(`task:accept:${uuid}`);
    expect(parseCallback(`task:accept:${uuid}`)).toEqual({ ns: 'task', action: 'accept', id: uuid });
    const withArg = { ns: 'pg', action: 'users', id: '3', arg: 'q=ann' };
    expect(parseCallback(encodeCallback(withArg))).toEqual(withArg);
  });

  it('refuses to encode what Telegram would reject or parse could not read back', () => {
    expect(() => encodeCallback({ ns: 'task', action: 'accept', id: 'x'.repeat(60) })).toThrow(
      CallbackDataError,
    );
    expect(() => encodeCallback({ ns: 'task', action: 'accept', id: 'a:b' })).toThrow(CallbackDataError);
    expect(() => encodeCallback({ ns: 'Task', action: 'accept', id: '1' })).toThrow(CallbackDataError);
    expect(() => encodeCallback({ ns: 'task', action: 'accept', id: '' })).toThrow(CallbackDataError);
    expect(() => encodeCallback({ ns: 'task', action: 'accept', id: '1', arg: 'ü' })).toThrow(
      CallbackDataError,
    );
    // exactly 64 bytes is fine
    const id = 'x'.repeat(64 - 'task:accept:'.length);
    expect(encodeCallback({ ns: 'task', action: 'accept', id })).toHaveLength(64);
  });

  it('parses garbage, forged and over-long data as undefined', () => {
    for (const raw of [
      '',
      'task',
      'task:accept',
      'task:accept:',
      'task:accept:1:2:3',
      ':accept:1',
      'TASK:accept:1',
      'task:accept:1 2',
      'task:accept:ü',
      `task:accept:${'x'.repeat(60)}`,
      '{"json":true}',
      42,
      null,
      undefined,
    ]) {
      expect(parseCallback(raw), String(raw)).toBeUndefined();
    }
  });

  it('gives a namespace its own closed set of actions', () => {
    const task = callbackNamespace('task', ['accept', 'reject']);
    expect(task.encode('accept', 42)).toBe('task:accept:42');
    expect(task.parse('task:reject:42')).toEqual({ action: 'reject', id: '42' });
    expect(task.parse('task:delete:42')).toBeUndefined();
    expect(task.parse('invoice:accept:42')).toBeUndefined();
    expect(task.parse('garbage')).toBeUndefined();
  });
});
