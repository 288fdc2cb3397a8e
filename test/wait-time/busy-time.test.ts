import { createBusyTime } from '../../src/wait-time/busy-time.js';

describe('busy time (the union of waiting intervals)', () => {
  it('adds a first interval whole', () => {
    expect(createBusyTime().add(1000, 5000)).toEqual([{ from: 1000, to: 5000 }]);
  });

  it('adds only the part of an overlapping interval not already counted', () => {
    const busy = createBusyTime();
    busy.add(1000, 5000);
    expect(busy.add(3000, 8000)).toEqual([{ from: 5000, to: 8000 }]);
    expect(busy.add(4000, 7000)).toEqual([]);
  });

  it('a long wait that began before shorter ones fills the gaps between them, once', () => {
    const busy = createBusyTime();
    // Callers B and C left first; A waited across both and beyond.
    busy.add(2000, 3000);
    busy.add(5000, 6000);
    expect(busy.add(0, 10_000)).toEqual([
      { from: 0, to: 2000 },
      { from: 3000, to: 5000 },
      { from: 6000, to: 10_000 },
    ]);
    expect(busy.add(0, 10_000)).toEqual([]);
  });

  it('keeps separate stretches apart and counts a zero-length wait as nothing', () => {
    const busy = createBusyTime();
    busy.add(0, 1000);
    expect(busy.add(5000, 6000)).toEqual([{ from: 5000, to: 6000 }]);
    expect(busy.add(7000, 7000)).toEqual([]);
    expect(busy.add(500, 5500)).toEqual([{ from: 1000, to: 5000 }]);
  });

  it('an interval that arrives out of order (a late webhook) lands in its place', () => {
    const busy = createBusyTime();
    busy.add(10_000, 20_000);
    expect(busy.add(1000, 2000)).toEqual([{ from: 1000, to: 2000 }]);
    expect(busy.add(0, 25_000)).toEqual([
      { from: 0, to: 1000 },
      { from: 2000, to: 10_000 },
      { from: 20_000, to: 25_000 },
    ]);
  });
});
