import { expect, it } from 'vitest';
import { withDeadline } from './with-deadline.js';

it('answers what the work answers in time', async () => {
  await expect(withDeadline(Promise.resolve(7), 1_000, () => new Error('late'))).resolves.toBe(7);
});

it('rejects with the given error once the deadline passes', async () => {
  const never = new Promise<number>(() => undefined);
  await expect(withDeadline(never, 10, () => new Error('late'))).rejects.toThrow('late');
});
