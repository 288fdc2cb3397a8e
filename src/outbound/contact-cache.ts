/** The cache as plain JSON: fresh contacts in order, and those put back in the order they go. */
export interface ContactCacheSnapshot {
  readonly fresh: readonly string[];
  readonly later: readonly { readonly id: string; readonly dueAt: number }[];
}

/**
 * The contacts of one execution still to be called, in the order they are due: fresh contacts
 * first-in first-out, contacts put back (a retry, calling hours, a 429) by the time they are due.
 * A contact is in it at most once.
 */
export class ContactCache {
  private readonly fresh: string[] = [];
  private freshHead = 0;
  /** Sorted by due time, then by when they were put back. */
  private readonly later: { id: string; dueAt: number }[] = [];
  private readonly members = new Set<string>();

  /** A cache that takes contacts in the order the one `snapshot` came from would have. */
  static fromSnapshot(snapshot: ContactCacheSnapshot): ContactCache {
    const cache = new ContactCache();
    // Already in order: appending keeps it (putBack's search would too, only slower).
    for (const { id, dueAt } of snapshot.later) {
      cache.later.push({ id, dueAt });
      cache.members.add(id);
    }
    for (const id of snapshot.fresh) cache.addFresh(id);
    return cache;
  }

  snapshot(): ContactCacheSnapshot {
    return { fresh: this.fresh.slice(this.freshHead), later: [...this.later] };
  }

  get size(): number {
    return this.members.size;
  }

  has(contactId: string): boolean {
    return this.members.has(contactId);
  }

  addFresh(contactId: string): void {
    if (this.members.has(contactId)) return;
    this.members.add(contactId);
    this.fresh.push(contactId);
  }

  putBack(contactId: string, dueAt: number): void {
    if (this.members.has(contactId)) return;
    this.members.add(contactId);
    // After every entry due at the same time or earlier: equal times keep their order.
    let low = 0;
    let high = this.later.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.later[mid]!.dueAt <= dueAt) low = mid + 1;
      else high = mid;
    }
    this.later.splice(low, 0, { id: contactId, dueAt });
  }

  /** Up to `max` contacts due at `now`: those put back and due first, then fresh ones. */
  take(max: number, now: number): string[] {
    const taken: string[] = [];
    let dueCount = 0;
    while (
      dueCount < this.later.length &&
      this.later[dueCount]!.dueAt <= now &&
      taken.length < max
    ) {
      taken.push(this.later[dueCount]!.id);
      dueCount += 1;
    }
    this.later.splice(0, dueCount);
    while (taken.length < max && this.freshHead < this.fresh.length) {
      taken.push(this.fresh[this.freshHead]!);
      this.freshHead += 1;
    }
    if (this.freshHead > 1024 && this.freshHead * 2 > this.fresh.length) {
      this.fresh.splice(0, this.freshHead);
      this.freshHead = 0;
    }
    for (const id of taken) this.members.delete(id);
    return taken;
  }

  /** Every member with its due time (fresh ones are due at 0), in the order they would go. */
  entries(): { id: string; dueAt: number }[] {
    return [...this.later, ...this.fresh.slice(this.freshHead).map((id) => ({ id, dueAt: 0 }))];
  }
}
