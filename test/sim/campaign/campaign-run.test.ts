import { runCampaign } from '../../../src/sim/campaign/campaign-run.js';
import { createProgressivePacer } from '../../../src/sim/campaign/pacers/progressive-pacer.js';
import { contact, dialEverythingAtOnce, handConfig } from './campaign-support.js';

describe('the campaign simulator, on lists checked by hand', () => {
  it('one agent, one person: rings 20 s, talks 100 s, wraps up 30 s', () => {
    const result = runCampaign(
      handConfig(),
      [contact(0, 'human', 20, 100)],
      createProgressivePacer(),
    );

    // Logged in 0–150 s, busy 20–150 s.
    expect(result.endedAtSeconds).toBe(150);
    expect(result.occupancy).toBeCloseTo(130 / 150, 10);
    expect([result.liveAnswers, result.connectedHumans, result.abandoned]).toEqual([1, 1, 0]);
    expect(result.abandonRate).toBe(0);
    expect(result.answerToRepSeconds).toEqual([0]);
  });

  it('a second person who answers while the agent talks is abandoned after 2 s', () => {
    const contacts = [contact(0, 'human', 20, 100), contact(1, 'human', 21, 50)];
    const result = runCampaign(handConfig(), contacts, dialEverythingAtOnce());

    expect(result.endedAtSeconds).toBe(150);
    expect(result.occupancy).toBeCloseTo(130 / 150, 10);
    expect([result.liveAnswers, result.connectedHumans, result.abandoned]).toEqual([2, 1, 1]);
    expect(result.abandonRate).toBe(0.5);
    expect(result.timeline[0]).toMatchObject({ liveAnswers: 2, abandoned: 1 });
  });

  it('a person who answers 1 s before the agent frees is connected, 1 s late', () => {
    // The agent talks 20–30 s, wraps up to 60 s; the second person answers at 59 s.
    const contacts = [contact(0, 'human', 20, 10), contact(1, 'human', 59, 10)];
    const result = runCampaign(handConfig(), contacts, dialEverythingAtOnce());

    expect(result.endedAtSeconds).toBe(100); // 60 + 10 talk + 30 wrap-up
    expect(result.occupancy).toBeCloseTo(80 / 100, 10);
    expect(result.abandoned).toBe(0);
    expect(result.answerToRepSeconds).toEqual([0, 1]);
  });

  it('puts a machine through to the agent without AMD (8 s, no wrap-up), and drops none of the people', () => {
    const contacts = [
      contact(0, 'machine', 15, 8),
      contact(1, 'busy', 4),
      contact(2, 'no-answer', 25),
    ];
    const result = runCampaign(handConfig(), contacts, dialEverythingAtOnce());

    expect(result.endedAtSeconds).toBe(25);
    expect(result.occupancy).toBeCloseTo(8 / 25, 10);
    expect([result.connectedMachines, result.liveAnswers, result.started]).toEqual([1, 0, 3]);
  });

  it('with AMD, hangs up on a person taken for a machine: abandoned under the UK rule only', () => {
    const config = handConfig({ amd: { detectSeconds: 3, falsePositiveRate: 0.1 } });
    const contacts = [contact(0, 'human', 20, 100, false), contact(1, 'human', 20, 100, true)];
    const result = runCampaign(config, contacts, dialEverythingAtOnce());

    // The first person is offered after AMD's 3 s: connected at 23 s, free at 153 s.
    expect(result.endedAtSeconds).toBe(153);
    expect(result.occupancy).toBeCloseTo(130 / 153, 10);
    expect([result.liveAnswers, result.abandoned, result.amdFalsePositives]).toEqual([2, 0, 1]);
    expect(result.abandonRate).toBe(0);
    expect(result.abandonRateUk).toBe(0.5);
  });

  it('logs an agent off at a shift change once the call ends, and counts logged-in time so', () => {
    const config = handConfig({
      staffing: [
        { fromSeconds: 0, agents: 2 },
        { fromSeconds: 10, agents: 1 },
      ],
    });
    const contacts = [contact(0, 'human', 5, 100), contact(1, 'no-answer', 25)];
    const result = runCampaign(config, contacts, createProgressivePacer());

    // Two agents 0–10 s, one after (the idle one left); busy 5–135 s.
    expect(result.endedAtSeconds).toBe(135);
    expect(result.occupancy).toBeCloseTo(130 / (2 * 10 + 125), 10);
  });

  it('starts no more dials in a second than the account allows, queueing the rest', () => {
    const contacts = [0, 1, 2, 3, 4].map((i) => contact(i, 'busy', 2));
    const result = runCampaign(handConfig({ callsPerSecond: 2 }), contacts, dialEverythingAtOnce());

    // Starts at 0, 0, 1, 1, 2 s; the last busy signal at 4 s.
    expect(result.maxStartsPerSecond).toBe(2);
    expect(result.started).toBe(5);
    expect(result.endedAtSeconds).toBe(4);
  });

  it('stops dialing at the end of the campaign and measures up to it', () => {
    const contacts = Array.from({ length: 100 }, (_, i) => contact(i, 'no-answer', 25));
    const result = runCampaign(
      handConfig({ durationSeconds: 60 }),
      contacts,
      createProgressivePacer(),
    );

    // One call at a time for the one agent: dials at 0, 25 and 50 s.
    expect(result.contactsDialed).toBe(3);
    expect(result.endedAtSeconds).toBe(60);
    expect(result.occupancy).toBe(0);
  });
});
