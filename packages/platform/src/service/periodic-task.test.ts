import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { periodicTask } from './periodic-task.js';

describe('periodicTask', () => {
  it('runs on its interval, one run at a time, and waits for the run in progress on stop', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const part = periodicTask({
      name: 'test',
      intervalMs: 10,
      logger: pino({ level: 'silent' }),
      task: async () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 25));
        runs++;
        concurrent--;
      },
    });
    await part.start();
    await new Promise((resolve) => setTimeout(resolve, 120));
    await part.stop();
    const afterStop = runs;
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxConcurrent).toBe(1);
    expect(concurrent).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBe(afterStop);
  });
});
