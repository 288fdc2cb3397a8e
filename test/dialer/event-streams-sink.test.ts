import { ensureEventStreamsSink } from '../../src/dialer/event-streams-sink.js';
import { createRedisSinkLock } from '../../src/dialer/redis-sink-lock.js';
import { createLocalSinkLock, type SinkLock } from '../../src/dialer/sink-lock.js';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { CALL_STATUS_EVENT_TYPES } from '../../src/outbound/call-cloud-events.js';
import { captureLogger } from '../support/capture-logger.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, sdkFor } from '../support/emulator-sdk.js';
import { describeWithRedis, useRedis } from '../support/redis.js';

const DESTINATION = 'https://holdline.example.test/eventstreams';
const WITH_CREDENTIALS =
  'https://holdline:a-long-sink-password-123@holdline.example.test/eventstreams';

describe('ensureEventStreamsSink', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
    });
  });
  afterEach(() => emulator.close());

  const ensure = (lock: SinkLock = createLocalSinkLock(), destination = DESTINATION) => {
    const { logger, lines } = captureLogger('info');
    const { client } = sdkFor(emulator);
    return { lines, done: ensureEventStreamsSink({ client, lock, destination, logger }) };
  };

  it('creates a batching webhook sink and its subscription to the call status events, then finds them', async () => {
    const first = await ensure().done;
    const second = await ensure().done;

    expect(first.done).toBe('created');
    expect(second).toEqual({ ...first, done: 'found' });
    const sinks = [...emulator.eventStreams.sinks.values()];
    expect(sinks).toHaveLength(1);
    expect(sinks[0]).toMatchObject({
      sinkType: 'webhook',
      configuration: { destination: DESTINATION, method: 'POST', batch_events: true },
    });
    const subscriptions = [...emulator.eventStreams.subscriptions.values()];
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.sinkSid).toBe(sinks[0]?.sid);
    expect(subscriptions[0]?.types.map((t) => t.type)).toEqual(CALL_STATUS_EVENT_TYPES);
  });

  it('recognises its sink whatever the credentials, and never logs them', async () => {
    const made = ensure(createLocalSinkLock(), WITH_CREDENTIALS);
    const first = await made.done;
    const again = ensure(createLocalSinkLock(), WITH_CREDENTIALS);
    const second = await again.done;

    expect(second.done).toBe('found');
    expect(first).toMatchObject({ done: 'created' });
    const logged = JSON.stringify([...made.lines, ...again.lines]);
    expect(logged).toContain('event streams sink created');
    expect(logged).toContain(DESTINATION);
    expect(logged).not.toContain('a-long-sink-password');
  });

  it('adds the subscription to a sink that has none', async () => {
    const { client } = sdkFor(emulator);
    const sink = await client.events.v1.sinks.create({
      description: 'made by hand',
      sinkType: 'webhook',
      sinkConfiguration: { destination: DESTINATION, method: 'POST', batch_events: true },
    });

    const outcome = await ensure().done;

    expect(outcome).toMatchObject({ done: 'created', sinkSid: sink.sid });
    expect(emulator.eventStreams.sinks.size).toBe(1);
    expect(emulator.eventStreams.subscriptions.size).toBe(1);
  });
});

describeWithRedis('ensureEventStreamsSink across processes (Redis lock)', () => {
  const redis = useRedis();
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
    });
  });
  afterEach(() => emulator.close());

  it('two processes starting together make one sink and one subscription', async () => {
    const prefix = redis.freshPrefix();
    const starter = () =>
      ensureEventStreamsSink({
        client: sdkFor(emulator).client,
        // A connection each: two processes, as far as Redis can tell.
        lock: createRedisSinkLock(redis.connect(), prefix),
        destination: DESTINATION,
        logger: captureLogger().logger,
      });

    const outcomes = await Promise.all([starter(), starter()]);

    expect(outcomes.map((o) => o.done).sort()).toEqual(['created', 'left-to-another-process']);
    expect(emulator.eventStreams.sinks.size).toBe(1);
    expect(emulator.eventStreams.subscriptions.size).toBe(1);
    // The lock was let go: the next start finds the sink.
    expect((await starter()).done).toBe('found');
  });
});
