import { buildJsonRequest } from '../../src/sim/outbound-json-requests.js';
import { UsageError } from '../../src/sim/request-parts.js';

const CALL_SID = `CA${'1'.repeat(32)}`;
const ACCOUNT = `AC${'0'.repeat(32)}`;
const AT = Date.parse('2026-11-23T10:00:00Z');
const IDS = { campaign: 'CE1', attempt: 'c1#1', callSid: CALL_SID, now: AT };
/** The attempt's query as the dialer's outbound-urls.ts writes it. */
const QUERY = 'campaign=CE1&attempt=c1%231';
/** What every request about a call we placed says of it. */
const CALL = {
  CallSid: CALL_SID,
  AccountSid: ACCOUNT,
  ApiVersion: '2010-04-01',
  Direction: 'outbound-api',
  From: '+15550100000',
  To: '+14155550100',
  Caller: '+15550100000',
  Called: '+14155550100',
};

describe('buildJsonRequest (simulate, Event Streams and Studio)', () => {
  const BASE = 'https://holdline.example.test';

  it('event-stream delivers a batch of one call status event, the status callback in its data', () => {
    const request = buildJsonRequest('event-stream', ['completed'], { ...IDS, baseUrl: BASE });
    expect(request).toMatchObject({ method: 'POST', path: '/eventstreams', auth: 'event-streams' });
    expect(request.json).toEqual([
      {
        specversion: '1.0',
        type: 'com.twilio.voice.status-callback.call.completed',
        source: `/2010-04-01/Accounts/${ACCOUNT}/Calls/${CALL_SID}.json`,
        id: expect.stringMatching(/^EZ[0-9a-f]{32}$/) as unknown,
        dataschema: 'https://events-schemas.twilio.com/Voice.WebhookEvent/2',
        datacontenttype: 'application/json',
        time: '2026-11-23T10:00:00.000Z',
        data: {
          sid: CALL_SID,
          timestamp: '2026-11-23T10:00:00.000Z',
          requestDateCreated: 'Mon, 23 Nov 2026 10:00:00 GMT',
          request: {
            method: 'POST',
            url: `${BASE}/outbound/status?${QUERY}`,
            parameters: {
              ...CALL,
              CallStatus: 'completed',
              CallbackSource: 'call-progress-events',
              SequenceNumber: '3',
              Timestamp: 'Mon, 23 Nov 2026 10:00:00 +0000',
              CallDuration: '30',
            },
          },
        },
      },
    ]);
  });

  it.each([
    ['initiated', 'initiated'],
    ['ringing', 'ringing'],
    ['in-progress', 'answered'],
    ['busy', 'completed'],
    ['no-answer', 'completed'],
  ])('event-stream %s is the %s event', (status, step) => {
    const [event] = buildJsonRequest('event-stream', [status], { ...IDS, baseUrl: BASE }).json as {
      type: string;
    }[];
    expect(event?.type).toBe(`com.twilio.voice.status-callback.call.${step}`);
  });

  it('studio-status posts what the flow knows to /callstatus with the API token', () => {
    expect(buildJsonRequest('studio-status', [], { ...IDS, reason: 'carrier said no' })).toEqual({
      method: 'POST',
      path: '/callstatus',
      json: {
        campaign: 'CE1',
        attempt: 'c1#1',
        CallSid: CALL_SID,
        CallStatus: 'failed',
        reason: 'carrier said no',
      },
      auth: 'api-token',
    });
    const byContact = buildJsonRequest('studio-status', ['busy'], {
      campaign: 'CE1',
      contact: 'c1',
      callSid: CALL_SID,
    });
    expect(byContact.json).toEqual({
      campaign: 'CE1',
      contact: 'c1',
      CallSid: CALL_SID,
      CallStatus: 'busy',
    });
    expect(() => buildJsonRequest('studio-status', [], { campaign: 'CE1' })).toThrow(UsageError);
  });
});
