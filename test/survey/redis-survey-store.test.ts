import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { RedisSurveyStore } from '../../src/survey/redis-survey-store.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { surveyStoreContract, T0 } from './survey-store.contract.js';

describeWithRedis('the Redis survey store', () => {
  const redisForTests = useRedis();
  const openStore = (prefix: string) =>
    new RedisSurveyStore(redisForTests.connect(failFastRedisOptions()), prefix);

  describe('as a SurveyStore (the contract)', () => {
    surveyStoreContract(() => Promise.resolve(openStore(redisForTests.freshPrefix())));
  });

  it('two processes claim a due survey once between them', async () => {
    const prefix = redisForTests.freshPrefix();
    const [one, two] = [openStore(prefix), openStore(prefix)];
    await one.schedule({
      callSid: 'CA1',
      queue: 'q',
      phone: '+14155550101',
      createdAt: T0,
      dueAt: T0,
    });

    const claims = await Promise.all([one.claimDue(T0, 5), two.claimDue(T0, 5)]);

    expect(claims.flat().map((s) => s.callSid)).toEqual(['CA1']);
  });

  it('two processes holding one number for the rate limit: one gets it', async () => {
    const prefix = redisForTests.freshPrefix();
    const [one, two] = [openStore(prefix), openStore(prefix)];
    const held = await Promise.all([
      one.reserveSend('+14155550101', T0, 60_000),
      two.reserveSend('+14155550101', T0, 60_000),
    ]);
    expect(held.sort()).toEqual([false, true]);
  });

  it('keeps SMS opt-outs in their own hash under the prefix, apart from the call opt-outs', async () => {
    const prefix = redisForTests.freshPrefix();
    await openStore(prefix).optOut('+14155550101', T0);

    expect(await redisForTests.connect().hgetall(`${prefix}sms_opt_outs`)).toEqual({
      '+14155550101': String(T0),
    });
    expect(await redisForTests.connect().exists(`${prefix}opt_outs`)).toBe(0);
  });
});
