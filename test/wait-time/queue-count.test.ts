import { createQueueCount } from '../../src/wait-time/queue-count.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => T0 + seconds * 1000;

describe('the caller count of a queue', () => {
  it("is unknown until a caller enters or Twilio's count is seen", () => {
    expect(createQueueCount().value()).toBeUndefined();
    const observed = createQueueCount();
    observed.observed(0, at(0));
    expect(observed.value()).toBe(0);
  });

  it('counts entered minus left, once per CallSid', () => {
    const count = createQueueCount();
    for (const callSid of ['CA1', 'CA2', 'CA3', 'CA3']) count.entered(callSid, at(0));
    expect(count.value()).toBe(3);
    count.left('CA1', at(5));
    count.left('CA9', at(6)); // entered before this process started: nobody to take off
    expect(count.value()).toBe(2);
  });

  it("after a restart, Twilio's count brings the callers we never saw; they work it off as they leave", () => {
    const count = createQueueCount();
    count.entered('CA-new', at(0)); // the first caller after a deploy; 20 were already waiting
    expect(count.value()).toBe(1);
    count.observed(21, at(1));
    expect(count.value()).toBe(21);
    for (let i = 0; i < 5; i += 1) count.left(`CA-old-${i}`, at(2 + i));
    count.entered('CA-next', at(10));
    expect(count.value()).toBe(17);
    count.left('CA-new', at(11));
    expect(count.value()).toBe(16);
  });

  it('a caller whose result never came is taken off by the next count from Twilio', () => {
    const count = createQueueCount();
    for (const callSid of ['CA1', 'CA2', 'CA3']) count.entered(callSid, at(0));
    count.observed(2, at(30)); // CA1's queue result was lost
    expect(count.value()).toBe(2);
    count.left('CA2', at(31));
    count.left('CA3', at(32));
    expect(count.value()).toBe(0);
    count.entered('CA4', at(33));
    expect(count.value()).toBe(1);
  });

  it("a late report of a caller Twilio's count already left out takes nobody else off", () => {
    const count = createQueueCount();
    for (const callSid of ['CA1', 'CA2', 'CA3']) count.entered(callSid, at(0));
    count.observed(2, at(30)); // CA1 was taken at 20; its result comes when its call ends
    expect(count.value()).toBe(2);
    count.left('CA1', at(20));
    expect(count.value()).toBe(2);
    count.left('CA9', at(25)); // an unseen caller who left before the reading: already out
    expect(count.value()).toBe(2);
    count.left('CA2', at(31));
    expect(count.value()).toBe(1);
  });

  it('knows when the callers it counted in entered', () => {
    const count = createQueueCount();
    count.entered('CA1', at(3));
    expect(count.enteredAt('CA1')).toBe(at(3));
    expect(count.enteredAt('CA2')).toBeUndefined();
    expect(count.enteredAt(undefined)).toBeUndefined();
    count.left('CA1', at(9));
    expect(count.enteredAt('CA1')).toBeUndefined();
  });

  it('ignores a count read before its own latest change: it may not include that change', () => {
    const count = createQueueCount();
    count.entered('CA1', at(0));
    count.entered('CA2', at(10));
    count.observed(1, at(9)); // read by a poll that started before CA2 came in
    expect(count.value()).toBe(2);
    count.observed(5, at(10)); // read at the same moment: it holds that change
    expect(count.value()).toBe(5);
  });

  it('a dropped caller (queue full) leaves the own count but never eats into the unseen', () => {
    const count = createQueueCount();
    count.observed(3, at(0));
    count.entered('CA1', at(1));
    count.dropped('CA1');
    count.dropped('CA-never-seen');
    expect(count.value()).toBe(3);
  });

  it('callers without a CallSid are counted and worked off like the unseen', () => {
    const count = createQueueCount();
    count.entered(undefined, at(0));
    count.entered(undefined, at(1));
    count.left(undefined, at(2));
    expect(count.value()).toBe(1);
  });

  it("rejects counts that cannot be Twilio's", () => {
    const count = createQueueCount();
    count.entered('CA1', at(0));
    count.observed(-1, at(1));
    count.observed(2.5, at(1));
    count.observed(Number.NaN, at(1));
    expect(count.value()).toBe(1);
  });

  it('forgets callers never seen to leave after four hours (a lost webhook must not count forever)', () => {
    const count = createQueueCount();
    count.entered('CA-lost', at(0));
    for (let i = 1; i < 256; i += 1) count.entered(`CA${i}`, at(5 * 3600));
    expect(count.value()).toBe(255);
  });
});
