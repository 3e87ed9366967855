/**
 * Partitioned queues (DESIGN §3, per-chat order with several instances): every message carries a
 * slot, a hash of its partition key in a fixed space of PARTITION_SLOTS; a consumer with P
 * partition queues binds slot s to queue s mod P. Publishers never need to know P, and a
 * message without a partition key gets a slot from its id, so it is never dropped.
 */
export const PARTITION_SLOTS = 64;

/** FNV-1a (32 bit) of the key's UTF-16 code units, reduced to a slot: stable across processes. */
export function slotOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % PARTITION_SLOTS;
}

/** The slots a partition's queue is bound to. */
export function slotsOfPartition(partition: number, partitions: number): number[] {
  const slots: number[] = [];
  for (let slot = partition; slot < PARTITION_SLOTS; slot += partitions) slots.push(slot);
  return slots;
}

/** `conversation.updates.p03` */
export function partitionQueueName(queue: string, partition: number): string {
  return `${queue}.p${String(partition).padStart(2, '0')}`;
}

/** Whether `name` is one of `queue`'s partition queues (`conversation.updates.p03`). */
export function isPartitionQueue(name: string, queue: string): boolean {
  return name.startsWith(`${queue}.p`) && /^\d{2,}$/.test(name.slice(queue.length + 2));
}

/** The headers exchange that spreads a partitioned queue's messages over its partitions by slot. */
export function slotExchangeName(queue: string): string {
  return `${queue}.slots`;
}

/** Where the slot exchange sends a message that has no slot header (bound to partition 0). */
export function unslottedExchangeName(queue: string): string {
  return `${queue}.unslotted`;
}

/**
 * Which partitions each live member should consume: as even as possible (sizes differ by at most
 * one; sorted members take the larger shares first) and sticky: a member keeps the partitions it
 * holds now up to its share, so a member joining or leaving moves only the partitions that must
 * move, and chats elsewhere never pause. Every member computes the same answer from the same
 * members and current holders (`holders[p]`: who holds partition p, if anyone).
 */
export function assignPartitions(
  members: readonly string[],
  partitions: number,
  holders: readonly (string | null | undefined)[] = [],
): Map<string, number[]> {
  const sorted = [...new Set(members)].sort();
  const assignment = new Map<string, number[]>(sorted.map((member) => [member, []]));
  if (sorted.length === 0) return assignment;
  const share = (index: number): number =>
    Math.floor(partitions / sorted.length) + (index < partitions % sorted.length ? 1 : 0);
  const unplaced: number[] = [];
  for (let partition = 0; partition < partitions; partition++) {
    const holder = holders[partition];
    const owned = holder == null ? undefined : assignment.get(holder);
    if (owned && owned.length < share(sorted.indexOf(holder!))) owned.push(partition);
    else unplaced.push(partition);
  }
  sorted.forEach((member, index) => {
    const owned = assignment.get(member)!;
    while (owned.length < share(index)) owned.push(unplaced.shift()!);
    owned.sort((a, b) => a - b);
  });
  return assignment;
}

export function validatePartitionCount(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > PARTITION_SLOTS) {
    throw new RangeError(`partitions must be an integer from 1 to ${PARTITION_SLOTS}, got ${partitions}`);
  }
}
