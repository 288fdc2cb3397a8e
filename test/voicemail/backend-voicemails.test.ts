import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { openBackend } from '../../src/runtime/backend.js';
import { captureLogger } from '../support/capture-logger.js';
import { describeWithRedis, TEST_REDIS_URL, useRedis } from '../support/redis.js';
import { aliceCall, aliceRecording } from './voicemail-store.contract.js';

const ALICE = 'vm-CA00000000000000000000000000000001';

describe('the backend’s voicemails, embedded', () => {
  it('are journaled under DATA_DIR and there again when the backend is opened again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'holdline-backend-voicemails-'));
    const config = loadConfig({ DATA_DIR: dir });
    const options = { logger: captureLogger().logger, role: 'web' } as const;
    try {
      const first = await openBackend(config, options);
      const { voicemail } = await first.voicemails.saveRecording({
        ...aliceCall,
        recording: aliceRecording,
      });
      await first.close();

      const again = await openBackend(config, options);
      try {
        expect(await again.voicemails.get(ALICE)).toEqual(voicemail);
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describeWithRedis('the backend’s voicemails, Redis', () => {
  const redisForTests = useRedis();

  it('one process’s voicemail is every process’s, in the hash under REDIS_KEY_PREFIX', async () => {
    const prefix = redisForTests.freshPrefix();
    const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix });
    const { logger } = captureLogger();
    const web = await openBackend(config, { logger, role: 'web' });
    const other = await openBackend(config, { logger, role: 'web' });
    try {
      const { voicemail } = await web.voicemails.saveRecording({
        ...aliceCall,
        recording: aliceRecording,
      });

      expect(await other.voicemails.list()).toEqual([voicemail]);
      expect(await redisForTests.connect().hkeys(`${prefix}voicemails`)).toEqual([ALICE]);
    } finally {
      await web.close();
      await other.close();
    }
  });
});
