import { describe, expect, it } from 'vitest';
import {
  PARTITION_SLOTS,
  assignPartitions,
  isPartitionQueue,
  partitionQueueName,
  slotOf,
  slotsOfPartition,
  validatePartitionCount,
} from './partitions.js';

// DESIGN §3 per-chat order: one chat → one slot → one partition → one consumer at a time.
describe('partition slots', () => {
  it('gives the same key the same slot every time, within range', () => {
    expect(slotOf('chat:42')).toBe(slotOf('chat:42'));
    for (let chat = 0; chat < 1_000; chat++) {
      const slot = slotOf(`chat:${chat}`);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(slot).toBeLessThan(PARTITION_SLOTS);
    }
  });

  it('spreads chat keys evenly enough over 16 partitions', () => {
    const counts = new Array<number>(16).fill(0);
    for (let chat = 1; chat <= 10_000; chat++) counts[slotOf(`chat:${100_000 + chat}`) % 16]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(10_000 / 16 / 2);
    expect(Math.max(...counts)).toBeLessThan((10_000 / 16) * 2);
  });

  it('binds every slot to exactly one partition', () => {
    for (const partitions of [1, 3, 16, 64]) {
      const bound = Array.from({ length: partitions }, (_, p) => slotsOfPartition(p, partitions)).flat();
      expect(bound.sort((a, b) => a - b)).toEqual(Array.from({ length: PARTITION_SLOTS }, (_, s) => s));
    }
  });

  it('names partition queues with two digits', () => {
    expect(partitionQueueName('conversation.updates', 3)).toBe('conversation.updates.p03');
    expect(isPartitionQueue('conversation.updates.p03', 'conversation.updates')).toBe(true);
    expect(isPartitionQueue('conversation.updates.p03.dead', 'conversation.updates')).toBe(false);
    expect(isPartitionQueue('conversation.updates', 'conversation.updates')).toBe(false);
  });

  it('refuses a partition count outside 1..64', () => {
    expect(() => validatePartitionCount(0)).toThrow(/1 to 64/);
    expect(() => validatePartitionCount(65)).toThrow(/1 to 64/);
    expect(() => validatePartitionCount(16)).not.toThrow();
  });
});

describe('assignPartitions', () => {
  it('gives every partition to exactly one member, spread within one', () => {
    const assignment = assignPartitions(['c', 'a', 'b'], 16);
    const sizes = [...assignment.values()].map((owned) => owned.length);
    expect(sizes.sort()).toEqual([5, 5, 6]);
    expect([...assignment.values()].flat().sort((x, y) => x - y)).toEqual(
      Array.from({ length: 16 }, (_, p) => p),
    );
  });

  it('is the same whatever order members are listed in', () => {
    expect(assignPartitions(['b', 'a'], 4)).toEqual(assignPartitions(['a', 'b', 'a'], 4));
  });

  it('assigns nothing without members', () => {
    expect(assignPartitions([], 4).size).toBe(0);
  });

  it('is sticky: a member leaving moves only its own partitions', () => {
    const before = assignPartitions(['a', 'b', 'c'], 16);
    const holders = Array.from(
      { length: 16 },
      (_, p) => [...before.entries()].find(([, owned]) => owned.includes(p))![0],
    );
    const after = assignPartitions(['a', 'b'], 16, holders);
    for (const member of ['a', 'b']) {
      for (const partition of before.get(member)!) expect(after.get(member)).toContain(partition);
    }
    expect(after.get('a')!.length + after.get('b')!.length).toBe(16);
  });

  it('is sticky: a member joining takes only its share, from the fullest', () => {
    const holders = [...Array<string>(8).fill('a'), ...Array<string>(8).fill('b')];
    const after = assignPartitions(['a', 'b', 'c'], 16, holders);
    expect(after.get('a')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(after.get('b')).toEqual([8, 9, 10, 11, 12]);
    expect(after.get('c')).toEqual([6, 7, 13, 14, 15]);
  });

  it('treats partitions held by departed members as free', () => {
    const after = assignPartitions(['a'], 4, ['gone', 'a', 'gone', null]);
    expect(after.get('a')).toEqual([0, 1, 2, 3]);
  });
});
