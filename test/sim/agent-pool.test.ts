import { createAgentPool } from '../../src/sim/agent-pool.js';

describe('the agent pool', () => {
  it('counts busy and idle agents', () => {
    const pool = createAgentPool(3);
    pool.startCall();
    pool.startCall();

    expect([pool.scheduled, pool.onShift, pool.busy, pool.idle]).toEqual([3, 3, 2, 1]);
    expect(pool.endCall()).toBe(true); // stays for the next caller
    expect([pool.onShift, pool.busy, pool.idle]).toEqual([3, 1, 2]);
  });

  it('lets idle agents leave at once and busy ones after their call', () => {
    const pool = createAgentPool(5);
    for (let i = 0; i < 4; i++) pool.startCall(); // 4 busy, 1 idle

    expect(pool.restaff(2)).toBe(0);
    expect([pool.scheduled, pool.onShift, pool.busy, pool.idle]).toEqual([2, 4, 4, 0]);
    expect(pool.endCall()).toBe(false); // off shift
    expect(pool.endCall()).toBe(false);
    expect([pool.onShift, pool.busy]).toEqual([2, 2]);
    expect(pool.endCall()).toBe(true);
    expect([pool.onShift, pool.busy, pool.idle]).toEqual([2, 1, 1]);
  });

  it('keeps agents due to leave when the staffing rises again, and adds only the rest', () => {
    const pool = createAgentPool(4);
    for (let i = 0; i < 4; i++) pool.startCall();
    pool.restaff(1); // 3 will leave after their call

    expect(pool.restaff(6)).toBe(2);
    expect([pool.scheduled, pool.onShift, pool.busy, pool.idle]).toEqual([6, 6, 4, 2]);
    expect(pool.endCall()).toBe(true);
  });

  it('refuses a call with no idle agent', () => {
    const pool = createAgentPool(1);
    pool.startCall();
    expect(() => pool.startCall()).toThrow('no idle agent');
  });
});
