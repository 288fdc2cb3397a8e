import request from 'supertest';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import type { OptOutList } from '../../src/outbound/opt-out-list.js';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { contacts, execution } from '../outbound/campaign-fixtures.js';
import { AUTH_TOKEN, BASE_URL, NOW, SAY, buildTestApp, twiml } from '../support/test-app.js';

const CALLEE = '+14155551000';
const OPT_OUT = '/outbound/opt-out?campaign=CE1&attempt=c1%231';
const MESSAGE = 'This was Example Co. To stop these calls, press 9 or call 555 0100.';
const HANGUP = twiml('<Hangup/>');

/** Twilio's parameters on the <Gather> action of a call we placed to CALLEE. */
const gathered = (digits: string) => ({
  CallSid: 'CA0001',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  Direction: 'outbound-api',
  From: '+15005550006',
  To: CALLEE,
  Digits: digits,
});

describe('the campaign message and the opt-out key', () => {
  async function setUp(options: { optOuts?: OptOutList; optOutDigit?: string } = {}) {
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    const settings = options.optOutDigit === undefined ? {} : { optOutDigit: options.optOutDigit };
    await campaigns.create(execution('CE1', settings), contacts(1));
    const optOuts = options.optOuts ?? EmbeddedOptOutList.inMemory();
    const test = buildTestApp({
      outbound: { campaigns, control: new MemoryControlLog(), optOuts },
    });
    return { ...test, optOuts };
  }

  describe('POST /outbound/queue-result', () => {
    it('a person no rep took hears the message inside a <Gather> of one key, then the call ends', async () => {
      const { post } = await setUp();

      const res = await post('/outbound/queue-result?campaign=CE1&attempt=c1%231', {
        CallSid: 'CA0001',
        QueueResult: 'leave',
      });

      expect(res.status).toBe(200);
      expect(res.text).toBe(
        twiml(
          `<Gather numDigits="1" action="${BASE_URL}/outbound/opt-out?campaign=CE1&amp;attempt=c1%231" method="POST">` +
            `${SAY}${MESSAGE}</Say></Gather><Hangup/>`,
        ),
      );
    });
  });

  describe('POST /outbound/answer', () => {
    it('a machine hears the message without a <Gather>: nobody there to press a key', async () => {
      const { post } = await setUp();

      const res = await post('/outbound/answer?campaign=CE1&attempt=c1%231', {
        CallSid: 'CA0001',
        AnsweredBy: 'machine_end_beep',
      });

      expect(res.text).toBe(twiml(`${SAY}${MESSAGE}</Say><Hangup/>`));
    });
  });

  describe('POST /outbound/opt-out', () => {
    it('the opt-out key puts the number called on the list and says so', async () => {
      const { post, optOuts, logs } = await setUp();

      const res = await post(OPT_OUT, gathered('9'));

      expect(res.status).toBe(200);
      expect(res.text).toBe(
        twiml(`${SAY}We will not call this number again. Goodbye.</Say><Hangup/>`),
      );
      expect(await optOuts.list({ limit: 10 })).toEqual({
        items: [{ phone: CALLEE, source: 'keypress', at: NOW }],
      });
      expect(logs).toContainEqual(
        expect.objectContaining({
          msg: 'callee opted out by keypress',
          campaign: 'CE1',
          attempt: 'c1#1',
          added: true,
        }),
      );
    });

    it("another key just ends the call; the campaign's own digit is the one that counts", async () => {
      const { post, optOuts } = await setUp({ optOutDigit: '3' });

      expect((await post(OPT_OUT, gathered('9'))).text).toBe(HANGUP);
      expect(await optOuts.has(CALLEE)).toBe(false);

      await post(OPT_OUT, gathered('3'));
      expect(await optOuts.has(CALLEE)).toBe(true);
    });

    it('a request not signed by Twilio is refused and adds nothing', async () => {
      const { app, optOuts } = await setUp();

      const forged = await request(app)
        .post(OPT_OUT)
        .type('form')
        .set(
          'X-Twilio-Signature',
          signTwilioRequest('not-the-token', BASE_URL + OPT_OUT, gathered('9')),
        )
        .send(gathered('9'));
      const unsigned = await request(app).post(OPT_OUT).type('form').send(gathered('9'));

      expect(forged.status).toBe(403);
      expect(forged.text).toBe(HANGUP);
      expect(unsigned.status).toBe(400);
      expect(await optOuts.has(CALLEE)).toBe(false);
      // The signature covers our query string too: another campaign's URL is not this one's.
      const moved = await request(app)
        .post('/outbound/opt-out?campaign=CE2&attempt=c1%231')
        .type('form')
        .set('X-Twilio-Signature', signTwilioRequest(AUTH_TOKEN, BASE_URL + OPT_OUT, gathered('9')))
        .send(gathered('9'));
      expect(moved.status).toBe(403);
      expect(await optOuts.has(CALLEE)).toBe(false);
    });

    it('a list that cannot take the number says the request was not taken', async () => {
      const broken: OptOutList = {
        has: () => Promise.resolve(false),
        add: () => Promise.reject(new Error('connection is closed')),
        remove: () => Promise.resolve(false),
        list: () => Promise.resolve({ items: [] }),
      };
      const { post } = await setUp({ optOuts: broken });

      const res = await post(OPT_OUT, gathered('9'));

      expect(res.text).toBe(
        twiml(
          `${SAY}Sorry, we could not take your request just now. Please call us back to stop these calls. Goodbye.</Say><Hangup/>`,
        ),
      );
    });

    it('a key for a campaign nobody knows just ends the call', async () => {
      const { post, optOuts } = await setUp();

      const res = await post('/outbound/opt-out?campaign=CE9&attempt=c1%231', gathered('9'));

      expect(res.text).toBe(HANGUP);
      expect(await optOuts.has(CALLEE)).toBe(false);
    });
  });
});
