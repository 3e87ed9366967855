import { describe, expect, it } from 'vitest';
import { KeyedSerializer } from './keyed-serializer.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedSerializer', () => {
  it('runs the tasks of one key in order, even when an earlier one is slower', async () => {
    const serializer = new KeyedSerializer();
    const done: number[] = [];
    await Promise.all([
      serializer.run('a', async () => {
        await tick(30);
        done.push(1);
      }),
      serializer.run('a', () => {
        done.push(2);
        return Promise.resolve();
      }),
    ]);
    expect(done).toEqual([1, 2]);
  });

  it('runs different keys concurrently, and a failure does not stop the next task', async () => {
    const serializer = new KeyedSerializer();
    const done: string[] = [];
    const slow = serializer.run('a', async () => {
      await tick(30);
      done.push('a');
    });
    const failing = serializer.run('b', () => Promise.reject(new Error('boom')));
    const after = serializer.run('b', () => {
      done.push('b');
      return Promise.resolve();
    });
    await expect(failing).rejects.toThrow('boom');
    await after;
    expect(done).toEqual(['b']);
    await slow;
    expect(done).toEqual(['b', 'a']);
    await tick(0);
    expect(serializer.pendingKeys()).toBe(0);
  });
});
