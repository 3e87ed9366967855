import type { Redis } from 'ioredis';

// Membership: a sorted set of member → expiry (Redis server time, so hosts' clocks don't matter).
const HEARTBEAT = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 10)
local holders = {}
for index = 2, #KEYS do holders[index - 1] = redis.call('GET', KEYS[index]) or '' end
return { redis.call('ZRANGE', KEYS[1], 0, -1), holders }`;

// A lease per partition: renewed by its holder, taken when free, never taken from another holder.
const CLAIM = `
local held = {}
for index, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    held[index] = 1
  elseif not owner then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    held[index] = 1
  else
    held[index] = 0
  end
end
return held`;

const RELEASE = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 0`;

/**
 * Who is consuming a partitioned queue, and which partition each one holds: members heartbeat
 * into a set that forgets them `ttlMs` after their last beat (a SIGKILLed instance drops out on
 * its own), and each partition has a lease only its holder renews or releases. Keys share one
 * hash tag, so the scripts also work on a Redis Cluster.
 */
export class PartitionLeases {
  private readonly base: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: { queue: string; memberId: string; ttlMs: number },
  ) {
    this.base = `partitions:{${options.queue}}`;
  }

  /**
   * Records this member as alive; answers every live member, sorted, and who holds each of the
   * `partitions` now (null: nobody).
   */
  async heartbeat(partitions: number): Promise<{ members: string[]; holders: (string | null)[] }> {
    const { memberId, ttlMs } = this.options;
    const leaseKeys = Array.from({ length: partitions }, (_, partition) => this.leaseKey(partition));
    const [members, holders] = (await this.redis.eval(
      HEARTBEAT,
      1 + partitions,
      `${this.base}:members`,
      ...leaseKeys,
      memberId,
      ttlMs,
    )) as [string[], string[]];
    return { members, holders: holders.map((holder) => holder || null) };
  }

  /** Renews or takes the leases of `partitions`; answers the ones this member now holds. */
  async claim(partitions: readonly number[]): Promise<Set<number>> {
    if (partitions.length === 0) return new Set();
    const { memberId, ttlMs } = this.options;
    const held = (await this.redis.eval(
      CLAIM,
      partitions.length,
      ...partitions.map((partition) => this.leaseKey(partition)),
      memberId,
      ttlMs,
    )) as number[];
    return new Set(partitions.filter((_, index) => held[index] === 1));
  }

  /** Gives up leases this member holds (after it stopped consuming those partitions). */
  async release(partitions: readonly number[]): Promise<void> {
    if (partitions.length === 0) return;
    await this.redis.eval(
      RELEASE,
      partitions.length,
      ...partitions.map((partition) => this.leaseKey(partition)),
      this.options.memberId,
    );
  }

  /** Leaves the membership at once (a clean shutdown), so the others take over without waiting. */
  async leave(): Promise<void> {
    await this.redis.zrem(`${this.base}:members`, this.options.memberId);
  }

  private leaseKey(partition: number): string {
    return `${this.base}:owner:${partition}`;
  }
}
