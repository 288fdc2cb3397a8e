import type { SurveyStore } from '../../src/survey/survey-store.js';

export const T0 = Date.parse('2026-11-23T10:00:00Z');
const CALL = 'CA00000000000000000000000000000001';
const CALL_2 = 'CA00000000000000000000000000000002';
const REP = 'CA0000000000000000000000000000beef';
const PHONE = '+14155550101';
const MESSAGE = 'SM00000000000000000000000000000001';

const survey = (callSid = CALL, dueAt = T0 + 60_000) => ({
  callSid,
  queue: 'customers',
  phone: PHONE,
  createdAt: T0,
  dueAt,
});

/** What every SurveyStore does. Call inside a describe; `open` gives an empty store per test. */
export function surveyStoreContract(open: () => Promise<SurveyStore>): void {
  let store: SurveyStore;

  beforeEach(async () => {
    store = await open();
  });

  it('schedules one survey per call, with the rep who took it', async () => {
    await store.noteTake(CALL, REP, T0 - 1000);
    expect(await store.schedule(survey())).toBe(true);
    expect(await store.schedule({ ...survey(), dueAt: T0 })).toBe(false);

    expect(await store.get(CALL)).toEqual({ ...survey(), repCallSid: REP, status: 'due' });
  });

  it('gives each due survey to one claim only, and none before it is due', async () => {
    await store.schedule(survey(CALL, T0 + 60_000));
    await store.schedule(survey(CALL_2, T0 + 120_000));

    expect(await store.claimDue(T0 + 59_999, 10)).toEqual([]);
    const first = await store.claimDue(T0 + 60_000, 10);
    expect(first.map((s) => [s.callSid, s.status])).toEqual([[CALL, 'sending']]);
    expect(await store.claimDue(T0 + 60_000, 10)).toEqual([]);
    expect((await store.claimDue(T0 + 200_000, 10)).map((s) => s.callSid)).toEqual([CALL_2]);
  });

  it('a sent survey is the one the number’s replies answer, and counts for its rate limit', async () => {
    await store.schedule(survey());
    await store.claimDue(T0 + 60_000, 10);
    await store.settle(CALL, { status: 'sent', messageSid: MESSAGE, at: T0 + 61_000 });
    await store.noteDelivery(CALL, 'delivered');

    expect(await store.lastSentAt(PHONE)).toBe(T0 + 61_000);
    expect(await store.latestSent(PHONE, T0 + 100_000)).toEqual({
      ...survey(),
      status: 'sent',
      messageSid: MESSAGE,
      sentAt: T0 + 61_000,
      delivery: 'delivered',
    });
    expect(await store.latestSent(PHONE, T0 + 61_000 + 8 * 86_400_000)).toBeUndefined();
    expect(await store.lastSentAt('+14155550199')).toBeUndefined();
  });

  it('holds a number for the rate limit: once per interval, counting surveys sent', async () => {
    const HOUR = 3_600_000;
    expect(await store.reserveSend(PHONE, T0, 24 * HOUR)).toBe(true);
    expect(await store.reserveSend(PHONE, T0 + HOUR, 24 * HOUR)).toBe(false);
    expect(await store.reserveSend('+14155550199', T0 + HOUR, 24 * HOUR)).toBe(true);

    await store.schedule(survey(CALL_2, T0));
    await store.claimDue(T0, 10);
    await store.settle(CALL_2, { status: 'sent', messageSid: MESSAGE, at: T0 + 30 * HOUR });
    expect(await store.reserveSend(PHONE, T0 + 40 * HOUR, 24 * HOUR)).toBe(false);
  });

  it('a skipped survey keeps why, and is nobody’s to answer', async () => {
    await store.schedule(survey());
    await store.claimDue(T0 + 60_000, 10);
    await store.settle(CALL, { status: 'skipped', reason: 'opted-out', at: T0 + 61_000 });

    expect(await store.get(CALL)).toMatchObject({ status: 'skipped', reason: 'opted-out' });
    expect(await store.latestSent(PHONE, T0 + 62_000)).toBeUndefined();
  });

  it('the first score counts; later words and scores are the comment', async () => {
    await store.schedule(survey());
    await store.claimDue(T0 + 60_000, 10);
    await store.settle(CALL, { status: 'sent', messageSid: MESSAGE, at: T0 + 61_000 });

    await store.respond(CALL, { score: 4, at: T0 + 70_000 });
    await store.respond(CALL, { comment: 'kind rep', at: T0 + 80_000 });
    const last = await store.respond(CALL, { score: 2, comment: 'but slow', at: T0 + 90_000 });

    expect(last).toMatchObject({
      score: 4,
      comment: 'kind rep\n2 but slow',
      respondedAt: T0 + 70_000,
    });
    expect(await store.responses('customers', T0)).toEqual([{ score: 4, at: T0 + 70_000 }]);
    expect(await store.responses('customers', T0 + 70_000)).toEqual([]);
    expect(await store.responses('sales', T0)).toEqual([]);
  });

  it('a reply to no survey links to nothing', async () => {
    expect(await store.respond(CALL, { score: 5, at: T0 })).toBeUndefined();
  });

  it('STOP opts a number out until START', async () => {
    expect(await store.isOptedOut(PHONE)).toBe(false);
    expect(await store.optOut(PHONE, T0)).toBe(true);
    expect(await store.optOut(PHONE, T0 + 1)).toBe(false);
    expect(await store.isOptedOut(PHONE)).toBe(true);
    expect(await store.optIn(PHONE)).toBe(true);
    expect(await store.optIn(PHONE)).toBe(false);
    expect(await store.isOptedOut(PHONE)).toBe(false);
  });
}
