import { createMetrics } from '../../src/metrics/registry.js';
import { createOutageLog } from '../../src/redis/outage-log.js';
import { captureLogger } from '../support/capture-logger.js';
import { sampleOf } from './sample.js';

describe('Redis outage metrics', () => {
  it('count each outage once, however many calls fail in it, and show while it lasts', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const log = createOutageLog({
      logger: captureLogger().logger,
      subject: 'stats store refresh',
      metrics,
    });
    const subject = { subject: 'stats store refresh' };
    const outages = () => sampleOf(metrics, 'holdline_redis_outages_total', subject);
    const down = () => sampleOf(metrics, 'holdline_redis_down', subject);

    expect([await outages(), await down()]).toEqual([0, 0]);
    for (let i = 0; i < 5; i++) log.failed(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect([await outages(), await down()]).toEqual([1, 1]);
    log.succeeded();
    expect([await outages(), await down()]).toEqual([1, 0]);
    log.failed(new Error('Connection is closed.'));
    log.succeeded();
    log.succeeded();

    expect([await outages(), await down()]).toEqual([2, 0]);
  });
});
