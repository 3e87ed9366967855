/**
 * Picks among weighted choices in exact proportion, evenly spread and deterministic (smooth
 * weighted round-robin, as nginx balances upstreams): with weights {a: 3, b: 1} every 4 picks
 * hold 3 a and 1 b, never a run of a's longer than needed. Choices of weight 0 are never picked.
 */
export class MixPicker<K extends string> {
  private readonly entries: { key: K; weight: number; credit: number }[];
  private readonly total: number;

  constructor(weights: Readonly<Record<K, number>>) {
    this.entries = (Object.entries(weights) as [K, number][])
      .filter(([, weight]) => weight > 0)
      .map(([key, weight]) => ({ key, weight, credit: 0 }));
    this.total = this.entries.reduce((sum, entry) => sum + entry.weight, 0);
    if (this.entries.length === 0 || !Number.isFinite(this.total)) {
      throw new RangeError('MixPicker needs at least one positive, finite weight');
    }
  }

  next(): K {
    let best = this.entries[0]!;
    for (const entry of this.entries) {
      entry.credit += entry.weight;
      if (entry.credit > best.credit) best = entry;
    }
    best.credit -= this.total;
    return best.key;
  }
}
