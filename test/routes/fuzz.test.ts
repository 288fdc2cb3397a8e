import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { AUTH_TOKEN, BASE_URL, NOW, buildTestApp, snapshotOf } from '../support/test-app.js';
import { seededRandom } from '../support/seeded-random.js';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';

const ROUTES = [
  '/voice/incoming',
  '/voice/wait',
  '/voice/queue-result',
  '/voice/callback-offer',
  '/voice/voicemail/recorded',
  '/voice/voicemail/recording',
  '/voice/voicemail/transcription',
  '/rep-call-complete',
];
const TWILIO_NAMES = [
  'CallSid',
  'From',
  'To',
  'QueuePosition',
  'QueueTime',
  'QueueSid',
  'QueueResult',
  'DequeueResult',
  'AvgQueueTime',
  'CurrentQueueSize',
  'MaxQueueSize',
  'CallStatus',
  'Digits',
  'RecordingSid',
  'RecordingUrl',
  'RecordingDuration',
  'RecordingStatus',
  'TranscriptionStatus',
  'TranscriptionText',
  '__proto__',
  'constructor',
  'toString',
];
const OWN_NAMES = ['queue', 'position', 'announced', 'lead', 'entered', 'eta', 'step', 'from'];
const NASTY_VALUES = [
  '',
  ' ',
  '-1',
  '0',
  '1',
  '3',
  '999999999999',
  '1e9',
  'NaN',
  '3.5',
  '+15550100001',
  '2',
  'completed',
  'not-a-number',
  'bridged',
  'queue-full',
  'hangup',
  'premium-customers',
  'customers',
  '<Say>hi</Say>',
  ']]>',
  '&amp;',
  '"quoted"',
  "it's",
  '\u0000',
  '\u202e',
  '☎️📞',
  'ü'.repeat(300),
  'x'.repeat(2000),
];

function makeGenerator(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const randomText = () =>
    Array.from({ length: Math.floor(random() * 40) }, () =>
      String.fromCodePoint(32 + Math.floor(random() * 0x2fff)),
    ).join('');
  const value = () => (random() < 0.7 ? pick(NASTY_VALUES) : randomText());
  return {
    random,
    pick,
    /** Parameters as Twilio might send them, some repeated (which arrive as arrays). */
    params(): Record<string, string | string[]> {
      const params: Record<string, string | string[]> = {};
      const count = Math.floor(random() * 8);
      for (let i = 0; i < count; i += 1) {
        const name =
          random() < 0.8 ? pick(TWILIO_NAMES) : randomText().replace(/[[\]]/g, '') || 'k';
        params[name] = random() < 0.1 ? [value(), value()] : value();
      }
      return params;
    },
    query(): string {
      const query = new URLSearchParams();
      for (const name of OWN_NAMES) if (random() < 0.4) query.append(name, value());
      const text = query.toString();
      return text === '' ? '' : `?${text}`;
    },
    rawBody(): string {
      const pieces = [
        '%zz',
        '%',
        '&&',
        '=',
        'a[b]=c',
        'a[]=1',
        'QueuePosition[x]=1',
        '%E0%A4%A',
        '+',
        randomText(),
      ];
      return Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(pieces)).join(
        random() < 0.5 ? '&' : '',
      );
    },
  };
}

function encode(params: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return body.toString();
}

const parser = new XMLParser();
function expectTwiml(text: string, context: string): void {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`${context}: response is not XML: ${text.slice(0, 200)}`);
  expect(Object.keys(parser.parse(text) as object)).toContain('Response');
}

describe('webhooks under random input', () => {
  // Hundreds of requests one after another: a loaded machine takes longer than the 5 s default.
  jest.setTimeout(60_000);

  const SEED = 20261123;
  const snapshot = snapshotOf(
    {
      name: 'premium-customers',
      voiceQueueSid: 'QU1',
      fetchedAt: NOW,
      waitingCallers: 2,
      servedInWindow: 40,
      windowSeconds: 1800,
      longestWaitSeconds: 90,
    },
    {
      name: 'customers',
      voiceQueueSid: 'QU2',
      fetchedAt: NOW,
      waitingCallers: 9,
      servedInWindow: 12,
      windowSeconds: 1800,
      longestWaitSeconds: 400,
    },
  );

  it(`answers valid TwiML to 300 signed random requests, 200 unless a parameter repeats (seed ${SEED})`, async () => {
    const { app } = buildTestApp({
      snapshot,
      env: { ANTI_STARVATION_SECONDS: '60' },
      callbacks: await FileCallbackStore.open(undefined),
      voicemails: await FileVoicemailStore.open(undefined),
    });
    const gen = makeGenerator(SEED);
    for (let i = 0; i < 300; i += 1) {
      const path = gen.pick(ROUTES) + gen.query();
      const params = gen.params();
      const useGet = path.startsWith('/rep-call-complete') && gen.random() < 0.3;
      const res = useGet
        ? await request(app)
            .get(path)
            .set('X-Twilio-Signature', signTwilioRequest(AUTH_TOKEN, BASE_URL + path))
        : await request(app)
            .post(path)
            .type('form')
            .set(
              'X-Twilio-Signature',
              signTwilioRequest(AUTH_TOKEN, BASE_URL + path, params as Record<string, string>),
            )
            .send(encode(params));
      const context = `request ${i} ${path} ${encode(params).slice(0, 200)}`;
      // Twilio never repeats a parameter; a signed request that does is refused (400, TwiML).
      const repeats = !useGet && Object.values(params).some(Array.isArray);
      const expected = repeats ? 400 : 200;
      if (res.status !== expected) {
        throw new Error(`${context}: status ${res.status}, not ${expected}: ${res.text}`);
      }
      expectTwiml(res.text, context);
    }
  });

  it(`answers valid TwiML, never a stack trace, to 200 malformed or unsigned requests (seed ${SEED + 1})`, async () => {
    const { app } = buildTestApp({ snapshot });
    const gen = makeGenerator(SEED + 1);
    const contentTypes = [
      'application/x-www-form-urlencoded',
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded; charset=koi8-r',
    ];
    for (let i = 0; i < 200; i += 1) {
      const path = gen.pick(ROUTES) + gen.query();
      const body = gen.random() < 0.05 ? 'a='.padEnd(20_000, 'x') : gen.rawBody();
      const signed = gen.random() < 0.5;
      const res = await request(app)
        .post(path)
        .set('Content-Type', gen.pick(contentTypes))
        .set('X-Twilio-Signature', signed ? 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' : '')
        .send(body);
      const context = `request ${i} ${path} ${body.slice(0, 200)}`;
      expect([400, 403, 413, 415]).toContain(res.status);
      expect(res.text).not.toMatch(/at .+\.ts:\d+/);
      expectTwiml(res.text, context);
    }
  });
});
