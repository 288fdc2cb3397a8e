import {
  ALWAYS_OPEN,
  WEEKDAYS,
  defaultQueueMetadata,
  type QueueMetadata,
} from '../../src/metadata/queue-metadata.js';
import type { MetadataStore } from '../../src/metadata/metadata-store.js';
import { createMemoryMetadataStore } from '../../src/metadata/memory-metadata-store.js';
import request from 'supertest';
import { API_TOKEN, BASE_URL, SAY, buildTestApp, freshStats, twiml } from '../support/test-app.js';

/** NOW (test-app) is Monday 2026-11-23 10:00 UTC. */
const caller = { CallSid: 'CA0123456789abcdef0123456789abcdef', From: '+15550109999' };
const PATH = '/api/queues/customers/metadata';

/** Closed on Mondays in UTC: the test clock's day. */
const closedToday: QueueMetadata = {
  ...defaultQueueMetadata('customers'),
  displayName: 'Customer service',
  weeklyHours: { ...ALWAYS_OPEN, monday: [] },
  closedMessage: 'We are closed on Mondays. Goodbye.',
};

interface ErrorBody {
  code: string;
  message: string;
  problems?: unknown;
  current?: unknown;
}
const errorOf = (res: { body: unknown }) => (res.body as { error: ErrorBody }).error;
const savedOf = (res: { body: unknown }) =>
  res.body as { queue: string; version: number; metadata: QueueMetadata };
const fieldOf = (res: { body: unknown }, field: string) =>
  (res.body as Record<string, unknown>)[field];

describe('GET and PUT /api/queues/{name}/metadata', () => {
  it('reads a queue with its version as the ETag', async () => {
    const { api } = buildTestApp();
    const res = await api(PATH);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      queue: 'customers',
      version: 1,
      metadata: defaultQueueMetadata('customers'),
    });
  });

  it('saves an edit of the version read: the next call follows it at once', async () => {
    const { api, apiPut, post, logs } = buildTestApp();
    const saved = await apiPut(PATH, closedToday, '"1"');
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect(saved.body).toEqual({ queue: 'customers', version: 2, metadata: closedToday });
    expect((await api(PATH)).body).toMatchObject({ version: 2, metadata: closedToday });
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'queue metadata saved', queue: 'customers', version: 2 }),
    );

    const call = await post('/voice/incoming', caller);
    expect(call.text).toBe(twiml(`${SAY}We are closed on Mondays. Goodbye.</Say><Hangup/>`));
  });

  it('refuses an edit of an older version with 409 and what was saved since; nothing changes', async () => {
    const { api, apiPut } = buildTestApp();
    await apiPut(PATH, closedToday, '"1"');
    const late = await apiPut(PATH, { ...closedToday, displayName: 'Mine' }, '"1"');
    expect(late.status).toBe(409);
    expect(errorOf(late)).toEqual({
      code: 'VERSION_CONFLICT',
      message: 'Somebody saved this queue since you read it; nothing was changed',
      current: { version: 2, metadata: closedToday },
    });
    expect(savedOf(await api(PATH)).metadata.displayName).toBe('Customer service');
  });

  it('requires If-Match (428), and refuses one that is not a version of ours (400)', async () => {
    const { apiPut } = buildTestApp();
    const none = await apiPut(PATH, closedToday);
    expect(none.status).toBe(428);
    expect(errorOf(none).code).toBe('VERSION_REQUIRED');
    const odd = await apiPut(PATH, closedToday, '*');
    expect(odd.status).toBe(400);
    expect(errorOf(odd).code).toBe('INVALID_PARAMETER');
  });

  it('refuses invalid metadata with every problem by field, unknown fields by name', async () => {
    const { api, apiPut } = buildTestApp();
    const res = await apiPut(
      PATH,
      { ...closedToday, timeZone: 'Nowhere/Special', maxQueueSize: -1, closedMesage: 'x' },
      '"1"',
    );
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_METADATA');
    expect(errorOf(res).problems).toEqual([
      { field: 'timeZone', message: 'timeZone must be an IANA time zone such as "Europe/Paris"' },
      { field: 'maxQueueSize', message: 'Too small: expected number to be >=1' },
      { field: 'closedMesage', message: 'unknown field' },
    ]);
    expect(errorOf(res).message).toContain('closedMesage: unknown field');
    expect(savedOf(await api(PATH)).version).toBe(1);
  });

  it('answers 404 for a queue it does not have, 415 for a body that is not JSON, 400 for broken JSON', async () => {
    const { api, apiPut, app } = buildTestApp();
    expect(errorOf(await api('/api/queues/nobody/metadata')).code).toBe('QUEUE_NOT_FOUND');
    expect((await apiPut('/api/queues/nobody/metadata', closedToday, '"1"')).status).toBe(404);
    const form = await request(app)
      .put(PATH)
      .set('Authorization', `Bearer ${API_TOKEN}`)
      .set('If-Match', '"1"')
      .type('form')
      .send({ displayName: 'x' });
    expect(form.status).toBe(415);
    const broken = await request(app)
      .put(PATH)
      .set('Authorization', `Bearer ${API_TOKEN}`)
      .set('If-Match', '"1"')
      .set('Content-Type', 'application/json')
      .send('{"displayName":');
    expect(broken.status).toBe(400);
    expect(errorOf(broken).code).toBe('BODY_INVALID');
  });

  it('needs the bearer token like the rest of the API', async () => {
    const { app } = buildTestApp();
    expect((await request(app).get(PATH)).status).toBe(401);
    expect((await request(app).put(PATH).send(closedToday)).status).toBe(401);
  });

  it('answers 503 METADATA_UNAVAILABLE when the store cannot answer; calls still go through', async () => {
    const failing: MetadataStore = {
      ...createMemoryMetadataStore(),
      get: () => Promise.reject(new Error('connection refused')),
      update: () => Promise.reject(new Error('connection refused')),
    };
    const { api, apiPut, post } = buildTestApp({ metadataStore: failing });
    expect((await api(PATH)).status).toBe(503);
    const res = await apiPut(PATH, closedToday, '"1"');
    expect(res.status).toBe(503);
    expect(errorOf(res).code).toBe('METADATA_UNAVAILABLE');
    expect((await post('/voice/incoming', caller)).text).toContain('<Enqueue');
  });
});

describe('the voice flow follows each queue’s metadata', () => {
  /** With the regular queue polled 5 s ago (six waiting), unless said otherwise. */
  async function withMetadata(
    changes: Partial<QueueMetadata>,
    options: Parameters<typeof buildTestApp>[0] = { snapshot: freshStats },
  ) {
    const app = buildTestApp(options);
    const res = await app.apiPut(PATH, { ...defaultQueueMetadata('customers'), ...changes }, '"1"');
    expect(res.status).toBe(200);
    return app;
  }

  it('a caller outside opening hours hears the closed message and is never enqueued or counted', async () => {
    const { post, api, logs } = await withMetadata({ weeklyHours: { ...ALWAYS_OPEN, monday: [] } });
    const res = await post('/voice/incoming', caller);
    expect(res.text).toBe(twiml(`${SAY}${defaultQueueMetadata('x').closedMessage}</Say><Hangup/>`));
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'caller turned away: queue closed',
        nextOpenAt: Date.parse('2026-11-24T00:00:00Z'),
      }),
    );
    // Six wait by the last poll; had the caller been counted in, the next would be number 2.
    expect(fieldOf(await api('/api/queues/customers/wait-time'), 'position')).toBe(7);
    expect((fieldOf(await api('/api/queues'), 'queues') as unknown[])[0]).toMatchObject({
      name: 'customers',
      open: false,
      nextOpenAt: '2026-11-24T00:00:00.000Z',
      closesAt: null,
    });
  });

  it('opening hours are read in the queue’s time zone', async () => {
    // 10:00 UTC is 05:00 in New York: before a 09:00 opening there.
    const nineToFive = Object.fromEntries(
      WEEKDAYS.map((day) => [day, [{ open: '09:00', close: '17:00' }]]),
    ) as unknown as QueueMetadata['weeklyHours'];
    const newYork = await withMetadata({ timeZone: 'America/New_York', weeklyHours: nineToFive });
    expect((await newYork.post('/voice/incoming', caller)).text).toContain('<Hangup/>');
    const paris = await withMetadata({ timeZone: 'Europe/Paris', weeklyHours: nineToFive });
    expect((await paris.post('/voice/incoming', caller)).text).toContain('<Enqueue');
  });

  it('a full queue turns new callers away with the busy message', async () => {
    const { post } = await withMetadata({ maxQueueSize: 2 }, {});
    for (const n of [1, 2]) {
      expect((await post('/voice/incoming', { ...caller, CallSid: `CA${n}` })).text).toContain(
        '<Enqueue',
      );
    }
    const third = await post('/voice/incoming', { ...caller, CallSid: 'CA3' });
    expect(third.text).toBe(
      twiml(
        `${SAY}We are sorry, all of our lines are busy right now. Please call back a little later. Goodbye.</Say><Hangup/>`,
      ),
    );
  });

  it('speaks in the queue’s own voice and language, caps positions and plays its hold audio', async () => {
    const { post } = await withMetadata({
      announcements: { voice: 'Polly.Celine', language: 'fr-FR', positionCap: 3 },
      holdAudioUrl: 'https://example.com/hold.mp3',
    });
    const greeting = await post('/voice/incoming', caller);
    expect(greeting.text).toContain('<Say voice="Polly.Celine" language="fr-FR">');
    const turn = await post('/voice/wait?queue=customers', {
      CallSid: caller.CallSid,
      QueuePosition: '7',
      QueueTime: '30',
    });
    expect(turn.text).toBe(
      twiml(
        '<Say voice="Polly.Celine" language="fr-FR">There are at least 3 callers ahead of you. Your estimated wait is about 7 minutes.</Say>' +
          '<Play>https://example.com/hold.mp3</Play>' +
          `<Redirect method="POST">${BASE_URL}/voice/wait?queue=customers&amp;position=7&amp;announced=30</Redirect>`,
      ),
    );
  });
});
