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

/** The headers exchange that spreads a partitioned queue's messages over its partitions by slot. */
export function slotExchangeName(queue: string): string {
  return `${queue}.slots`;
}

/**
 * Which partitions each live member owns: sorted member ids take partitions round-robin, so the
 * spread differs by at most one and every member computes the same answer from the same list.
 */
export function assignPartitions(members: readonly string[], partitions: number): Map<string, number[]> {
  const sorted = [...new Set(members)].sort();
  const assignment = new Map<string, number[]>(sorted.map((member) => [member, []]));
  if (sorted.length === 0) return assignment;
  for (let partition = 0; partition < partitions; partition++) {
    assignment.get(sorted[partition % sorted.length]!)!.push(partition);
  }
  return assignment;
}

export function validatePartitionCount(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > PARTITION_SLOTS) {
    throw new RangeError(`partitions must be an integer from 1 to ${PARTITION_SLOTS}, got ${partitions}`);
  }
}
