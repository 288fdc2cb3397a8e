import { ConfigError, loadConfig } from '../src/config.js';
import { problemsOf } from './support/config-problems.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'test-auth-token';
const BASE = 'https://holdline.example.test';

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    it('runs in demo mode with every default', () => {
      const config = loadConfig({});

      expect(config.mode).toBe('demo');
      expect(config.port).toBe(3000);
      expect(config.publicBaseUrl).toBe('http://localhost:3000');
      expect(config.logLevel).toBe('info');
      expect(config.dataDir).toBe('.data');
      expect(config.twilio).toEqual({
        accountSid: undefined,
        authToken: undefined,
        apiBaseUrl: undefined,
        workspaceSid: undefined,
        requestTimeoutMs: 10_000,
        maxRequestsPerSecond: 10,
        retry: { retryLimit: 3, minBackoffMs: 200, maxBackoffMs: 5_000 },
      });
      expect(config.stats).toEqual({
        cumulativePeriodMinutes: 30,
        slaSplitSeconds: [30, 60, 120],
        batchSize: 10,
        cycleTimeoutSeconds: 60,
        taskChannel: undefined,
      });
      expect(config.redis).toBeUndefined();
      expect(config.apiToken).toBeUndefined();
      expect(config.queues).toEqual(['premium-customers', 'customers']);
      expect([...config.queueByNumber]).toEqual([]);
      expect([...config.premiumCallers]).toEqual([]);
      expect(config.statsRefreshSeconds).toBe(15);
      expect(config.announcements).toEqual({
        voice: 'Polly.Joanna',
        language: 'en-US',
        holdMusicUrl: undefined,
        holdPauseSeconds: 20,
        positionCap: 10,
        estimateMinIntervalSeconds: 60,
        rounding: 'nearest',
      });
      expect(config.reps).toEqual({ emptyRoundPauseSeconds: 5, antiStarvationSeconds: 0 });
      // Demo mode shows worker eligibility on its emulated workers.
      expect(config.eligibility).toEqual({
        attributeKey: 'eligible_queues',
        readsPerSecond: 50,
        writesPerSecond: 25,
        resyncHours: 24,
      });
    });

    it('gives the same defaults when loaded a second time', () => {
      const first = loadConfig({});
      const second = loadConfig({});

      expect(second.queues).toEqual(['premium-customers', 'customers']);
      expect(second.publicBaseUrl).toBe(first.publicBaseUrl);
    });
  });

  describe('demo mode', () => {
    it('derives publicBaseUrl from PORT when PUBLIC_BASE_URL is unset', () => {
      expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    });

    it('treats empty and blank Twilio credentials as unset', () => {
      const config = loadConfig({ TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '   ' });

      expect(config.mode).toBe('demo');
      expect(config.twilio.accountSid).toBeUndefined();
      expect(config.twilio.authToken).toBeUndefined();
    });
  });

  describe('production mode', () => {
    it('is chosen when the account SID, auth token and public URL are all set', () => {
      const config = loadConfig({
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: TOKEN,
        PUBLIC_BASE_URL: BASE,
      });

      expect(config.mode).toBe('production');
      expect(config.twilio.accountSid).toBe(SID);
      expect(config.twilio.authToken).toBe(TOKEN);
      expect(config.publicBaseUrl).toBe(BASE);
    });

    it('when only the SID is set, asks for the token and the public URL', () => {
      expect(problemsOf({ TWILIO_ACCOUNT_SID: SID })).toEqual([
        'TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set',
        'PUBLIC_BASE_URL: required with Twilio credentials (webhook signatures are checked against it)',
      ]);
    });

    it('when only the token is set, asks for the SID and the public URL', () => {
      expect(problemsOf({ TWILIO_AUTH_TOKEN: TOKEN })).toEqual([
        'TWILIO_ACCOUNT_SID: required when TWILIO_AUTH_TOKEN is set',
        'PUBLIC_BASE_URL: required with Twilio credentials (webhook signatures are checked against it)',
      ]);
    });

    it('when both credentials are set without a public URL, asks for the URL alone', () => {
      expect(problemsOf({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN })).toEqual([
        'PUBLIC_BASE_URL: required with Twilio credentials (webhook signatures are checked against it)',
      ]);
    });

    it('rejects an account SID that is not AC and 32 hex digits', () => {
      expect(
        problemsOf({
          TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcde',
          TWILIO_AUTH_TOKEN: TOKEN,
          PUBLIC_BASE_URL: BASE,
        }),
      ).toEqual(['TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits']);
    });
  });

  describe('problems', () => {
    it('throws a ConfigError whose message lists each problem on its own line', () => {
      expect(() => loadConfig({ TWILIO_ACCOUNT_SID: SID, PUBLIC_BASE_URL: BASE })).toThrow(
        new ConfigError(['TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set']),
      );
      const error = new ConfigError(['A: one', 'B: two']);
      expect(error.name).toBe('ConfigError');
      expect(error.message).toBe('Invalid configuration:\n  - A: one\n  - B: two');
    });

    it('reports a bad PORT and a bad ANNOUNCE_POSITION_CAP together, each naming its variable', () => {
      expect(problemsOf({ PORT: 'abc', ANNOUNCE_POSITION_CAP: '0' })).toEqual([
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^ANNOUNCE_POSITION_CAP: /),
      ]);
    });

    it('reports every cross-field problem at once, in a fixed order', () => {
      expect(
        problemsOf({
          TWILIO_ACCOUNT_SID: SID,
          QUEUES: 'gold,silver,gold',
          QUEUE_NUMBERS: '+15551230000=platinum,not-a-number',
          PREMIUM_CALLERS: 'anonymous',
        }),
      ).toEqual([
        'QUEUE_NUMBERS: "+15551230000=platinum" names a queue that is not in QUEUES',
        'QUEUE_NUMBERS: "not-a-number" is not NUMBER=QUEUE with an E.164 number',
        'PREMIUM_CALLERS: "anonymous" is not a phone number in E.164 form (+country code)',
        'QUEUES: a queue is named twice',
        'TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set',
        'PUBLIC_BASE_URL: required with Twilio credentials (webhook signatures are checked against it)',
      ]);
    });

    it('reports a bad PORT, PREMIUM_CALLERS and QUEUE_NUMBERS together', () => {
      expect(problemsOf({ PORT: 'abc', PREMIUM_CALLERS: 'xyz', QUEUE_NUMBERS: 'bad' })).toEqual([
        expect.stringMatching(/^PORT: /),
        'QUEUE_NUMBERS: "bad" is not NUMBER=QUEUE with an E.164 number',
        'PREMIUM_CALLERS: "xyz" is not a phone number in E.164 form (+country code)',
      ]);
    });

    it('when variables fail their schema, still checks every rule across the others', () => {
      expect(
        problemsOf({
          PORT: 'abc',
          LOG_LEVEL: 'loud',
          QUEUES: 'gold,gold',
          QUEUE_NUMBERS: '+15551230000=platinum,bad',
          PREMIUM_CALLERS: 'xyz',
          TWILIO_SERVICE_MIN_BACKOFF: '900',
          TWILIO_SERVICE_MAX_BACKOFF: '100',
          TWILIO_ACCOUNT_SID: SID,
        }),
      ).toEqual([
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^LOG_LEVEL: /),
        'QUEUE_NUMBERS: "+15551230000=platinum" names a queue that is not in QUEUES',
        'QUEUE_NUMBERS: "bad" is not NUMBER=QUEUE with an E.164 number',
        'PREMIUM_CALLERS: "xyz" is not a phone number in E.164 form (+country code)',
        'TWILIO_SERVICE_MIN_BACKOFF: must not exceed TWILIO_SERVICE_MAX_BACKOFF (both in milliseconds)',
        'QUEUES: a queue is named twice',
        'TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set',
        'PUBLIC_BASE_URL: required with Twilio credentials (webhook signatures are checked against it)',
      ]);
    });

    it('when QUEUES itself is bad, still checks the form of QUEUE_NUMBERS but not its queues', () => {
      expect(
        problemsOf({ QUEUES: ' , ', QUEUE_NUMBERS: '+15551230000=customers,12=customers' }),
      ).toEqual([
        'QUEUES: name at least one queue',
        'QUEUE_NUMBERS: "12=customers" is not NUMBER=QUEUE with an E.164 number',
      ]);
    });

    it('when a variable fails its schema, still reports the missing credentials with it', () => {
      expect(problemsOf({ PORT: '70000', TWILIO_ACCOUNT_SID: SID })).toEqual([
        expect.stringMatching(/^PORT: /),
        'TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set',
        'PUBLIC_BASE_URL: required with Twilio credentials (webhook signatures are checked against it)',
      ]);
    });

    it.each([
      'PORT',
      'ANTI_STARVATION_SECONDS',
      'ANNOUNCE_ESTIMATE_MIN_INTERVAL_SECONDS',
      'QUEUES',
    ])('treats an empty %s as unset (its default), never as 0 or nothing', (name) => {
      expect(loadConfig({ [name]: '  ' })).toEqual(loadConfig({}));
    });

    it('rejects a number mapped twice in QUEUE_NUMBERS', () => {
      expect(
        problemsOf({ QUEUE_NUMBERS: '+15551230000=customers,+1 555 123 0000=premium-customers' }),
      ).toEqual(['QUEUE_NUMBERS: +15551230000 is mapped twice']);
    });

    it.each([
      ['PORT', '65536'],
      ['PORT', '-1'],
      ['PORT', '3000.5'],
      ['LOG_LEVEL', 'verbose'],
      ['PUBLIC_BASE_URL', 'ftp://holdline.example.test'],
      ['PUBLIC_BASE_URL', 'not a url'],
      ['HOLD_MUSIC_URL', 'not a url'],
      ['QUEUE_STATS_REFRESH_SECONDS', '0'],
      ['HOLD_PAUSE_SECONDS', '0'],
      ['ANNOUNCE_POSITION_CAP', '2.5'],
      ['ANNOUNCE_ESTIMATE_MIN_INTERVAL_SECONDS', '-1'],
      ['ESTIMATE_ROUNDING', 'down'],
      ['REP_EMPTY_ROUND_PAUSE_SECONDS', '0'],
      ['ANTI_STARVATION_SECONDS', '-5'],
      ['SAY_LANGUAGE', 'e'],
      ['QUEUES', ','],
    ])('rejects %s=%j, naming the variable', (name, value) => {
      expect(problemsOf({ [name]: value })).toEqual([
        expect.stringMatching(new RegExp(`^${name}: `)),
      ]);
    });

    it('accepts the edges of each range', () => {
      const config = loadConfig({
        PORT: '65535',
        ANNOUNCE_ESTIMATE_MIN_INTERVAL_SECONDS: '0',
        ANTI_STARVATION_SECONDS: '0',
        ANNOUNCE_POSITION_CAP: '1',
        ESTIMATE_ROUNDING: 'up',
      });

      expect(config.port).toBe(65535);
      expect(config.announcements.estimateMinIntervalSeconds).toBe(0);
      expect(config.reps.antiStarvationSeconds).toBe(0);
      expect(config.announcements.positionCap).toBe(1);
      expect(config.announcements.rounding).toBe('up');
    });
  });

  describe('Twilio REST and the stats poller', () => {
    it('reads every variable, trimming the base URL', () => {
      const config = loadConfig({
        TWILIO_API_BASE_URL: 'http://127.0.0.1:3001/',
        TWILIO_FLEX_WORKSPACE_SID: `WS${'a'.repeat(32)}`,
        TWILIO_SERVICE_RETRY_LIMIT: '0',
        TWILIO_SERVICE_MIN_BACKOFF: '50',
        TWILIO_SERVICE_MAX_BACKOFF: '50',
        TWILIO_SERVICE_TIMEOUT_MS: '2500',
        TWILIO_SERVICE_MAX_REQUESTS_PER_SECOND: '25',
        QUEUE_STATS_CUMULATIVE_PERIOD_MINUTES: '60',
        QUEUE_STATS_SLA_SPLIT_PERIODS: ' 120, 20,60,20 ',
        QUEUE_STATS_TASKROUTER_STATS_BATCH_SIZE: '4',
        QUEUE_STATS_CYCLE_TIMEOUT_SECONDS: '30',
        QUEUE_STATS_TASK_CHANNEL: 'voice',
        REDIS_URL: 'redis://127.0.0.1:6379/2',
        REDIS_KEY_PREFIX: 'hl:',
        REST_PACE_FALLBACK_PROCESSES: '3',
        API_TOKEN: 'an-api-token-of-some-length',
      });

      expect(config.twilio).toMatchObject({
        apiBaseUrl: 'http://127.0.0.1:3001',
        workspaceSid: `WS${'a'.repeat(32)}`,
        requestTimeoutMs: 2500,
        maxRequestsPerSecond: 25,
        retry: { retryLimit: 0, minBackoffMs: 50, maxBackoffMs: 50 },
      });
      expect(config.stats).toEqual({
        cumulativePeriodMinutes: 60,
        slaSplitSeconds: [20, 60, 120],
        batchSize: 4,
        cycleTimeoutSeconds: 30,
        taskChannel: 'voice',
      });
      expect(config.redis).toEqual({
        url: 'redis://127.0.0.1:6379/2',
        keyPrefix: 'hl:',
        paceFallbackProcesses: 3,
      });
      expect(config.apiToken).toBe('an-api-token-of-some-length');
    });

    it('names each bad variable', () => {
      expect(
        problemsOf({
          TWILIO_FLEX_WORKSPACE_SID: 'WS123',
          TWILIO_SERVICE_RETRY_LIMIT: '-1',
          QUEUE_STATS_SLA_SPLIT_PERIODS: '30,soon',
          QUEUE_STATS_TASKROUTER_STATS_BATCH_SIZE: '0',
          REDIS_URL: 'http://127.0.0.1:6379',
          API_TOKEN: 'short',
        }).map((problem) => problem.split(':')[0]),
      ).toEqual([
        'TWILIO_FLEX_WORKSPACE_SID',
        'TWILIO_SERVICE_RETRY_LIMIT',
        'QUEUE_STATS_SLA_SPLIT_PERIODS',
        'QUEUE_STATS_TASKROUTER_STATS_BATCH_SIZE',
        'REDIS_URL',
        'API_TOKEN',
      ]);
    });

    it('rejects a minimum backoff above the maximum', () => {
      expect(
        problemsOf({ TWILIO_SERVICE_MIN_BACKOFF: '6000', TWILIO_SERVICE_MAX_BACKOFF: '5000' }),
      ).toEqual([
        'TWILIO_SERVICE_MIN_BACKOFF: must not exceed TWILIO_SERVICE_MAX_BACKOFF (both in milliseconds)',
      ]);
    });
  });

  describe('worker eligibility', () => {
    const PRODUCTION = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: BASE };
    const ATTRIBUTE_PROBLEM =
      'ELIGIBLE_QUEUES_ATTRIBUTE: a worker attribute name: letters, digits and _, not starting with a digit, at most 64';

    it('in demo mode uses ELIGIBLE_QUEUES_ATTRIBUTE when it is set', () => {
      expect(loadConfig({ ELIGIBLE_QUEUES_ATTRIBUTE: 'skills_queues' }).eligibility).toEqual({
        attributeKey: 'skills_queues',
        readsPerSecond: 50,
        writesPerSecond: 25,
        resyncHours: 24,
      });
    });

    it('in production without ELIGIBLE_QUEUES_ATTRIBUTE is off: workers are left alone', () => {
      const config = loadConfig(PRODUCTION);

      expect(config.mode).toBe('production');
      expect(config.eligibility).toBeUndefined();
    });

    it('in production treats a blank ELIGIBLE_QUEUES_ATTRIBUTE as unset (off)', () => {
      expect(loadConfig({ ...PRODUCTION, ELIGIBLE_QUEUES_ATTRIBUTE: '  ' }).eligibility).toBe(
        undefined,
      );
    });

    it('in production with ELIGIBLE_QUEUES_ATTRIBUTE set, reads every variable', () => {
      const config = loadConfig({
        ...PRODUCTION,
        ELIGIBLE_QUEUES_ATTRIBUTE: ' routing_queues ',
        ELIGIBILITY_MAX_READS_PER_SECOND: '20',
        ELIGIBILITY_MAX_WRITES_PER_SECOND: '10',
        ELIGIBILITY_RESYNC_HOURS: '6',
      });

      expect(config.mode).toBe('production');
      expect(config.eligibility).toEqual({
        attributeKey: 'routing_queues',
        readsPerSecond: 20,
        writesPerSecond: 10,
        resyncHours: 6,
      });
      expect(Object.isFrozen(config.eligibility)).toBe(true);
    });

    it('in production with only ELIGIBLE_QUEUES_ATTRIBUTE set, has the default paces', () => {
      expect(
        loadConfig({ ...PRODUCTION, ELIGIBLE_QUEUES_ATTRIBUTE: 'eligible_queues' }).eligibility,
      ).toEqual({
        attributeKey: 'eligible_queues',
        readsPerSecond: 50,
        writesPerSecond: 25,
        resyncHours: 24,
      });
    });

    it('accepts a 64-character attribute name and one starting with _', () => {
      const name64 = `_${'a'.repeat(63)}`;
      expect(
        loadConfig({ ...PRODUCTION, ELIGIBLE_QUEUES_ATTRIBUTE: name64 }).eligibility?.attributeKey,
      ).toBe(name64);
    });

    it.each([
      ['starting with a digit', '2bad'],
      ['with a hyphen', 'has-hyphen'],
      ['of 65 characters', 'a'.repeat(65)],
    ])('rejects an ELIGIBLE_QUEUES_ATTRIBUTE %s, naming the variable', (_case, value) => {
      expect(problemsOf({ ...PRODUCTION, ELIGIBLE_QUEUES_ATTRIBUTE: value })).toEqual([
        ATTRIBUTE_PROBLEM,
      ]);
    });

    it.each([
      ['ELIGIBILITY_MAX_WRITES_PER_SECOND', '0'],
      ['ELIGIBILITY_MAX_READS_PER_SECOND', '-1'],
      ['ELIGIBILITY_RESYNC_HOURS', 'abc'],
      ['ELIGIBILITY_RESYNC_HOURS', '1.5'],
      ['REST_PACE_FALLBACK_PROCESSES', '0'],
    ])('rejects %s=%j, naming the variable', (name, value) => {
      expect(
        problemsOf({ ...PRODUCTION, ELIGIBLE_QUEUES_ATTRIBUTE: 'eligible_queues', [name]: value }),
      ).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
    });

    it('reports every bad eligibility variable at once', () => {
      expect(
        problemsOf({
          ELIGIBLE_QUEUES_ATTRIBUTE: '2bad',
          ELIGIBILITY_MAX_WRITES_PER_SECOND: '0',
          ELIGIBILITY_RESYNC_HOURS: 'abc',
        }).map((problem) => problem.split(':')[0]),
      ).toEqual([
        'ELIGIBLE_QUEUES_ATTRIBUTE',
        'ELIGIBILITY_MAX_WRITES_PER_SECOND',
        'ELIGIBILITY_RESYNC_HOURS',
      ]);
    });
  });

  describe('CALLBACK_CALLER_ID', () => {
    it('unset or empty: callbacks are not dialed', () => {
      expect(loadConfig({}).outbound.callbackCallerId).toBeUndefined();
      expect(loadConfig({ CALLBACK_CALLER_ID: '' }).outbound.callbackCallerId).toBeUndefined();
    });

    it('an E.164 number is taken; anything else is a problem', () => {
      expect(loadConfig({ CALLBACK_CALLER_ID: '+15005550006' }).outbound.callbackCallerId).toBe(
        '+15005550006',
      );
      expect(problemsOf({ CALLBACK_CALLER_ID: '5005550006' })).toEqual([
        'CALLBACK_CALLER_ID: must be an E.164 number on the account, e.g. +15005550006',
      ]);
    });
  });

  describe('TRUST_PROXY', () => {
    it('is false when unset: X-Forwarded-For is believed from nobody', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: ' ' }).trustProxy).toBe(false);
    });

    it.each([
      ['true', true],
      ['FALSE', false],
      ['0', false],
      ['1', 1],
      ['3', 3],
      ['loopback', ['loopback']],
      ['loopback,', ['loopback']],
      [
        'loopback, 10.0.0.0/8 ,fd00::/8,192.168.1.7,linklocal,uniquelocal,::1,172.16.0.0/255.240.0.0',
        [
          'loopback',
          '10.0.0.0/8',
          'fd00::/8',
          '192.168.1.7',
          'linklocal',
          'uniquelocal',
          '::1',
          '172.16.0.0/255.240.0.0',
        ],
      ],
    ])('reads %j as Express’s trust proxy %j', (value, expected) => {
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
    });

    it.each([
      'yes',
      '1.5',
      '-1',
      'loopbak',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.0/255.0.255.0',
      'a,,b',
      ' , ',
    ])('rejects %j, naming the variable and the forms it takes', (value) => {
      const problems = problemsOf({ TRUST_PROXY: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^TRUST_PROXY: .* use true, false, a hop count/);
    });

    it('names each entry it cannot read', () => {
      expect(problemsOf({ TRUST_PROXY: 'loopback,proxy.internal,10.0.0.300' })).toEqual([
        'TRUST_PROXY: "proxy.internal", "10.0.0.300" not understood: use true, false, a hop count, or a comma-separated list of addresses, subnets (CIDR) and loopback, linklocal, uniquelocal',
      ]);
    });

    it('is reported together with the other bad variables', () => {
      expect(
        problemsOf({ PORT: 'abc', TRUST_PROXY: 'maybe', PREMIUM_CALLERS: 'xyz' }).map(
          (problem) => problem.split(':')[0],
        ),
      ).toEqual(['PORT', 'TRUST_PROXY', 'PREMIUM_CALLERS']);
    });
  });

  describe('PUBLIC_BASE_URL', () => {
    it('loses its trailing slashes', () => {
      expect(loadConfig({ PUBLIC_BASE_URL: `${BASE}///` }).publicBaseUrl).toBe(BASE);
      expect(loadConfig({ PUBLIC_BASE_URL: `${BASE}/holdline/` }).publicBaseUrl).toBe(
        `${BASE}/holdline`,
      );
    });

    it('is used as given in demo mode too', () => {
      expect(loadConfig({ PUBLIC_BASE_URL: 'http://abc.ngrok.test' }).publicBaseUrl).toBe(
        'http://abc.ngrok.test',
      );
    });
  });

  describe('QUEUES', () => {
    it('is a comma-separated list, trimmed, highest priority first', () => {
      expect(loadConfig({ QUEUES: ' gold , silver,, bronze ' }).queues).toEqual([
        'gold',
        'silver',
        'bronze',
      ]);
    });

    it('accepts a 64-character name and rejects a 65-character one', () => {
      const name64 = 'q'.repeat(64);
      expect(loadConfig({ QUEUES: `${name64},customers` }).queues).toEqual([name64, 'customers']);
      expect(problemsOf({ QUEUES: `customers,${'q'.repeat(65)}` })).toEqual([
        'QUEUES.1: queue names are at most 64 characters',
      ]);
    });

    it('rejects a queue named twice, even when only whitespace differs', () => {
      expect(problemsOf({ QUEUES: 'gold, gold' })).toEqual(['QUEUES: a queue is named twice']);
    });

    it('rejects a list with no names', () => {
      expect(problemsOf({ QUEUES: ' , ' })).toEqual(['QUEUES: name at least one queue']);
    });
  });

  describe('QUEUE_NUMBERS', () => {
    it('maps each called number to its queue', () => {
      const config = loadConfig({
        QUEUE_NUMBERS: '+15551230000=premium-customers, +15551230001 = customers',
      });

      expect([...config.queueByNumber]).toEqual([
        ['+15551230000', 'premium-customers'],
        ['+15551230001', 'customers'],
      ]);
    });

    it('normalises the number the way Twilio writes it', () => {
      const config = loadConfig({ QUEUE_NUMBERS: '+1 (555) 123-0000=customers' });

      expect([...config.queueByNumber]).toEqual([['+15551230000', 'customers']]);
    });

    it('rejects a queue that is not in QUEUES', () => {
      expect(
        problemsOf({ QUEUES: 'gold,silver', QUEUE_NUMBERS: '+15551230000=customers' }),
      ).toEqual(['QUEUE_NUMBERS: "+15551230000=customers" names a queue that is not in QUEUES']);
    });

    it('rejects an entry with an empty queue name', () => {
      expect(problemsOf({ QUEUE_NUMBERS: '+15551230000=' })).toEqual([
        'QUEUE_NUMBERS: "+15551230000=" names a queue that is not in QUEUES',
      ]);
    });

    it.each([
      'customers',
      '=customers',
      'client:alice=customers',
      '12=customers',
      '5551230000=customers',
    ])('rejects the malformed entry %j', (entry) => {
      expect(problemsOf({ QUEUE_NUMBERS: entry })).toEqual([
        `QUEUE_NUMBERS: "${entry}" is not NUMBER=QUEUE with an E.164 number`,
      ]);
    });
  });

  describe('PREMIUM_CALLERS', () => {
    it('normalises each number to E.164 and drops duplicates', () => {
      const config = loadConfig({
        PREMIUM_CALLERS: '+1 (555) 999-0000, +15559990001, +15559990000',
      });

      expect([...config.premiumCallers]).toEqual(['+15559990000', '+15559990001']);
    });

    it('lists every entry that is not a phone number', () => {
      expect(
        problemsOf({ PREMIUM_CALLERS: 'anonymous,+15559990000,sip:alice@example.test' }),
      ).toEqual([
        'PREMIUM_CALLERS: "anonymous" is not a phone number in E.164 form (+country code)',
        'PREMIUM_CALLERS: "sip:alice@example.test" is not a phone number in E.164 form (+country code)',
      ]);
    });
  });

  describe('the result', () => {
    const config = loadConfig({
      QUEUE_NUMBERS: '+15551230000=customers',
      PREMIUM_CALLERS: '+15559990000',
    });

    it('is frozen, nested objects and the queue list included', () => {
      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(config.twilio)).toBe(true);
      expect(Object.isFrozen(config.queues)).toBe(true);
      expect(Object.isFrozen(config.announcements)).toBe(true);
      expect(Object.isFrozen(config.reps)).toBe(true);
      expect(() => {
        (config.queues as string[]).push('vip');
      }).toThrow(TypeError);
      expect(() => {
        (config.reps as { antiStarvationSeconds: number }).antiStarvationSeconds = 30;
      }).toThrow(TypeError);
      expect(config.queues).toEqual(['premium-customers', 'customers']);
      expect(config.reps.antiStarvationSeconds).toBe(0);
    });

    it('cannot have its routing tables changed at run time', () => {
      const numbers = config.queueByNumber as Map<string, string>;
      const callers = config.premiumCallers as Set<string>;
      expect(() => numbers.set('+15550000000', 'premium-customers')).toThrow('read-only');
      expect(() => numbers.clear()).toThrow('read-only');
      expect(() => callers.add('+15550000000')).toThrow('read-only');
      expect(() => callers.delete('+15559990000')).toThrow('read-only');

      expect([...numbers]).toEqual([['+15551230000', 'customers']]);
      expect([...callers]).toEqual(['+15559990000']);
    });
  });
});

describe('loadConfig: the SMS survey', () => {
  it('has no sender unless one is configured, and Twilio answers the keywords', () => {
    expect(loadConfig({}).survey).toEqual({
      sender: undefined,
      keywordReplies: 'twilio',
      helpText:
        'Call satisfaction survey: reply with a score from 1 to 5, or in your own words. Reply STOP to opt out. Msg&data rates may apply.',
      minIntervalHours: 24,
      sendIntervalSeconds: 5,
    });
  });

  it('sends from the Messaging Service when both are given, else from the number', () => {
    const service = `MG${'a'.repeat(32)}`;
    expect(
      loadConfig({ SURVEY_MESSAGING_SERVICE_SID: service, SURVEY_FROM_NUMBER: '+14155550000' })
        .survey.sender,
    ).toEqual({ messagingServiceSid: service });
    expect(loadConfig({ SURVEY_FROM_NUMBER: '+14155550000' }).survey.sender).toEqual({
      from: '+14155550000',
    });
  });

  it('names every bad survey variable at once', () => {
    const problems = problemsOf({
      SURVEY_MESSAGING_SERVICE_SID: 'MG123',
      SURVEY_FROM_NUMBER: '4155550000',
      SURVEY_KEYWORD_REPLIES: 'both',
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^SURVEY_MESSAGING_SERVICE_SID: a Messaging Service SID/);
    expect(problems[1]).toMatch(/^SURVEY_FROM_NUMBER: a number in E\.164/);
    expect(problems[2]).toMatch(/^SURVEY_KEYWORD_REPLIES: /);
  });
});
