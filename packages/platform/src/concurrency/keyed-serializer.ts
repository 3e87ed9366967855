/**
 * Runs tasks with the same key one after another, in the order they were submitted; tasks with
 * different keys run concurrently. Keeps each chat's messages in order while chats proceed in
 * parallel.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string | number, Promise<unknown>>();

  run<T>(key: string | number, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  pendingKeys(): number {
    return this.tails.size;
  }
}
