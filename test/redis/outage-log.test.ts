import { createOutageLog } from '../../src/redis/outage-log.js';
import { LEVEL, captureLogger } from '../support/capture-logger.js';

describe('the Redis outage log', () => {
  function setUp() {
    let now = 0;
    const { logger, lines } = captureLogger();
    const log = createOutageLog({
      logger,
      subject: 'stats refresh',
      warnEveryMs: 60_000,
      now: () => now,
    });
    return { log, lines, advance: (ms: number) => (now += ms) };
  }

  it('warns when an outage starts, then at most once a minute however often it fails', () => {
    const { log, lines, advance } = setUp();

    for (let i = 0; i < 120; i++) {
      log.failed(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
      advance(1000);
    }

    expect(lines).toEqual([
      expect.objectContaining({
        level: LEVEL.warn,
        msg: 'stats refresh: Redis unreachable; retrying in the background',
        err: 'connect ECONNREFUSED 127.0.0.1:6379',
      }),
      expect.objectContaining({
        level: LEVEL.warn,
        msg: 'stats refresh: Redis still unreachable',
        failures: 61,
        outageMs: 60_000,
      }),
    ]);
  });

  it('says once that Redis is back, with how long it was gone', () => {
    const { log, lines, advance } = setUp();
    log.failed(new Error('Command timed out'));
    advance(2500);
    log.failed(new Error('Command timed out'));

    log.succeeded();
    log.succeeded();

    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      level: LEVEL.info,
      msg: 'stats refresh: Redis reachable again',
      failures: 2,
      outageMs: 2500,
    });
  });

  it('stays quiet while all is well', () => {
    const { log, lines } = setUp();

    log.succeeded();

    expect(lines).toEqual([]);
  });
});
