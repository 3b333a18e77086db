/**
 * Trunks of one account in creation order. A Map alone would make `offset` pages O(offset);
 * the id array keeps a page O(limit), and deletions only mark it for one compaction.
 */
export class TrunkStore<T> {
  readonly #byId = new Map<string, T>();
  #order: string[] = [];
  #holes = false;

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): T | undefined {
    return this.#byId.get(id);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Adds a trunk at the end, or replaces one in place (keeping its position). */
  set(id: string, trunk: T): void {
    if (!this.#byId.has(id)) {
      // A deleted id may still sit in the order array: compact first so it is not listed twice.
      this.#compact();
      this.#order.push(id);
    }
    this.#byId.set(id, trunk);
  }

  delete(id: string): boolean {
    const deleted = this.#byId.delete(id);
    if (deleted) this.#holes = true;
    return deleted;
  }

  /** `limit` trunks starting at position `offset`, in creation order. */
  page(offset: number, limit: number): T[] {
    this.#compact();
    const page: T[] = [];
    const end = Math.min(offset + limit, this.#order.length);
    for (let i = offset; i < end; i++) {
      const trunk = this.#byId.get(this.#order[i] as string);
      if (trunk !== undefined) page.push(trunk);
    }
    return page;
  }

  #compact(): void {
    if (!this.#holes) return;
    this.#order = this.#order.filter((id) => this.#byId.has(id));
    this.#holes = false;
  }

  values(): IterableIterator<T> {
    return this.#byId.values();
  }
}
