import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { RedisVoicemailStore } from '../../src/voicemail/redis-voicemail-store.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { aliceCall, aliceRecording, voicemailStoreContract } from './voicemail-store.contract.js';

describeWithRedis('the Redis voicemail store', () => {
  const redisForTests = useRedis();
  let prefix = '';

  const openStore = () =>
    new RedisVoicemailStore(redisForTests.connect(failFastRedisOptions()), prefix);

  describe('contract (a restart is a new connection)', () => {
    voicemailStoreContract(
      () => {
        prefix = redisForTests.freshPrefix();
        return Promise.resolve(openStore());
      },
      () => Promise.resolve(openStore()),
    );
  });

  it('keeps each voicemail as JSON in one hash under the prefix', async () => {
    prefix = redisForTests.freshPrefix();
    const { voicemail } = await openStore().saveRecording({
      ...aliceCall,
      recording: aliceRecording,
    });

    const raw = redisForTests.connect();
    expect(await raw.hkeys(`${prefix}voicemails`)).toEqual([voicemail.id]);
    const stored = await raw.hget(`${prefix}voicemails`, voicemail.id);
    expect(JSON.parse(stored ?? 'null')).toEqual(voicemail);
  });

  it('two connections saving the same recording at once keep it once', async () => {
    prefix = redisForTests.freshPrefix();
    const [one, two] = [openStore(), openStore()];
    await one.request(aliceCall);
    const answers = await Promise.all(
      [one, two, one, two].map((store) =>
        store.saveRecording({ ...aliceCall, recording: aliceRecording }),
      ),
    );

    expect(answers.filter((a) => a.changed)).toHaveLength(1);
    expect((await two.get('vm-CA00000000000000000000000000000001'))?.state).toBe('new');
  });

  it('a value it cannot read is left out of the list, and never overwritten', async () => {
    prefix = redisForTests.freshPrefix();
    const raw = redisForTests.connect();
    await raw.hset(`${prefix}voicemails`, 'vm-CA00000000000000000000000000000001', '{"id":1}');
    await openStore().request({ ...aliceCall, callerCallSid: 'CA2' });

    expect((await openStore().list()).map((v) => v.id)).toEqual(['vm-CA2']);
    await expect(openStore().request(aliceCall)).rejects.toThrow(/cannot read/);
    expect(await raw.hget(`${prefix}voicemails`, 'vm-CA00000000000000000000000000000001')).toBe(
      '{"id":1}',
    );
  });
});
