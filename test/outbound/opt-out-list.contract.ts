import type { OptOutList } from '../../src/outbound/opt-out-list.js';
import { T0 } from './campaign-fixtures.js';

const A = '+14155550101';
const B = '+14155550102';
const C = '+442079460000';

/** What every OptOutList does. Call inside a describe; `open` gives an empty list per test. */
export function optOutListContract(open: () => Promise<OptOutList>): void {
  let list: OptOutList;

  beforeEach(async () => {
    list = await open();
  });

  it('a number added is on the list, with where and when it came from', async () => {
    expect(await list.has(A)).toBe(false);
    expect(await list.add(A, { source: 'keypress', at: T0 })).toBe(true);

    expect(await list.has(A)).toBe(true);
    expect(await list.has(B)).toBe(false);
    expect(await list.list({ limit: 10 })).toEqual({
      items: [{ phone: A, source: 'keypress', at: T0 }],
    });
  });

  it('adding a number again keeps the first add (when the person asked)', async () => {
    await list.add(A, { source: 'keypress', at: T0 });
    expect(await list.add(A, { source: 'api', at: T0 + 1000 })).toBe(false);

    expect((await list.list({ limit: 10 })).items).toEqual([
      { phone: A, source: 'keypress', at: T0 },
    ]);
  });

  it('a number removed is off the list; removing one not on it says so', async () => {
    await list.add(A, { source: 'api', at: T0 });
    await list.add(B, { source: 'api', at: T0 });

    expect(await list.remove(A)).toBe(true);
    expect(await list.remove(A)).toBe(false);
    expect(await list.remove(C)).toBe(false);

    expect(await list.has(A)).toBe(false);
    expect(await list.has(B)).toBe(true);
    expect((await list.list({ limit: 10 })).items.map((o) => o.phone)).toEqual([B]);
    // Added again after its removal: a new add, with its own time.
    expect(await list.add(A, { source: 'keypress', at: T0 + 5 })).toBe(true);
    expect((await list.list({ limit: 1 })).items).toEqual([
      { phone: A, source: 'keypress', at: T0 + 5 },
    ]);
  });

  it('pages through every number once, in order, the last page without a next', async () => {
    const phones = Array.from({ length: 7 }, (_, i) => `+1415555020${i}`);
    for (const phone of [...phones].reverse()) await list.add(phone, { source: 'api', at: T0 });

    const first = await list.list({ limit: 3 });
    const second = await list.list({ limit: 3, after: first.next! });
    const third = await list.list({ limit: 3, after: second.next! });

    expect(first.items.map((o) => o.phone)).toEqual(phones.slice(0, 3));
    expect(first.next).toBe(phones[2]);
    expect(second.items.map((o) => o.phone)).toEqual(phones.slice(3, 6));
    expect(third).toEqual({ items: [{ phone: phones[6], source: 'api', at: T0 }] });
    // Exactly a page's worth left: that page is the last.
    expect(await list.list({ limit: 7 })).not.toHaveProperty('next');
    // A cursor whose number was removed meanwhile still pages on from where it stood.
    await list.remove(phones[2]!);
    expect((await list.list({ limit: 1, after: phones[2]! })).items[0]?.phone).toBe(phones[3]);
  });

  it('an empty list has an empty page', async () => {
    expect(await list.list({ limit: 5 })).toEqual({ items: [] });
  });
}
