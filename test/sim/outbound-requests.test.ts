import { buildOutboundRequest } from '../../src/sim/outbound-requests.js';
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

describe('buildOutboundRequest (simulate, a campaign call as Twilio requests it)', () => {
  it("callee-answer fetches the call's Url on the dialer's answer URL, in progress", () => {
    expect(buildOutboundRequest('callee-answer', [], IDS)).toEqual({
      method: 'POST',
      path: `/outbound/answer?${QUERY}`,
      params: { ...CALL, CallStatus: 'in-progress' },
    });
  });

  it('callee-answer with --answered-by brings the synchronous AMD result and its duration', () => {
    const request = buildOutboundRequest('callee-answer', [], {
      ...IDS,
      answeredBy: 'machine_end_beep',
      detectionMs: '3100',
    });
    expect(request.params).toMatchObject({
      AnsweredBy: 'machine_end_beep',
      MachineDetectionDuration: '3100',
    });
    expect(() =>
      buildOutboundRequest('callee-answer', [], { ...IDS, answeredBy: 'robot' }),
    ).toThrow(UsageError);
  });

  it("callee-wait and callee-result are the callee's <Enqueue waitUrl> and <Enqueue action>", () => {
    expect(
      buildOutboundRequest('callee-wait', [], { ...IDS, position: '1', queueTime: '1' }),
    ).toEqual({
      method: 'POST',
      path: `/outbound/wait?${QUERY}`,
      params: { ...CALL, CallStatus: 'in-progress', QueuePosition: '1', QueueTime: '1' },
    });
    const left = buildOutboundRequest('callee-result', ['leave'], IDS);
    expect(left.path).toBe(`/outbound/queue-result?${QUERY}`);
    expect(left.params).toMatchObject({ QueueResult: 'leave', QueueTime: '2' });
    // A callee who hung up: the action comes once the call has ended.
    const gone = buildOutboundRequest('callee-result', ['hangup'], { ...IDS, queueTime: '1' });
    expect(gone.params).toMatchObject({ QueueResult: 'hangup', CallStatus: 'completed' });
    expect(() => buildOutboundRequest('callee-result', [], IDS)).toThrow(UsageError);
  });

  it('call-status is a status callback: source, sequence from 0, timestamp, no duration before the end', () => {
    expect(buildOutboundRequest('call-status', ['ringing'], IDS)).toEqual({
      method: 'POST',
      path: `/outbound/status?${QUERY}`,
      params: {
        ...CALL,
        CallStatus: 'ringing',
        CallbackSource: 'call-progress-events',
        SequenceNumber: '1',
        Timestamp: 'Mon, 23 Nov 2026 10:00:00 +0000',
      },
    });
  });

  it.each([
    ['completed', {}, '3', '30'],
    ['completed', { duration: '95', sequence: '7' }, '7', '95'],
    ['busy', {}, '2', '0'],
    ['no-answer', {}, '2', '0'],
    ['failed', {}, '1', '0'],
    ['canceled', {}, '2', '0'],
  ])('call-status %s ends the call with a CallDuration', (status, extra, sequence, duration) => {
    const request = buildOutboundRequest('call-status', [status], { ...IDS, ...extra });
    expect(request.params).toMatchObject({
      CallStatus: status,
      SequenceNumber: sequence,
      CallDuration: duration,
    });
  });

  it.each([[[]], [['answered']]])('call-status refuses the status %p', (args) => {
    expect(() => buildOutboundRequest('call-status', args, IDS)).toThrow(UsageError);
  });

  it('amd is the async AMD callback: the four parameters Twilio sends', () => {
    expect(buildOutboundRequest('amd', ['machine_start'], { ...IDS, detectionMs: '2800' })).toEqual(
      {
        method: 'POST',
        path: `/outbound/amd?${QUERY}`,
        params: {
          AccountSid: ACCOUNT,
          CallSid: CALL_SID,
          AnsweredBy: 'machine_start',
          MachineDetectionDuration: '2800',
        },
      },
    );
    expect(() => buildOutboundRequest('amd', ['robot'], IDS)).toThrow(UsageError);
  });

  it("opt-out is the message's <Gather action> with the key pressed (9 unless told)", () => {
    expect(buildOutboundRequest('opt-out', [], IDS)).toEqual({
      method: 'POST',
      path: `/outbound/opt-out?${QUERY}`,
      params: { ...CALL, CallStatus: 'in-progress', Digits: '9' },
    });
    expect(buildOutboundRequest('opt-out', [], { ...IDS, digits: '1' }).params.Digits).toBe('1');
  });

  it('every outbound webhook needs the campaign and the attempt', () => {
    expect(() => buildOutboundRequest('callee-answer', [], { campaign: 'CE1' })).toThrow(
      /--campaign ID and --attempt ID/,
    );
  });
});
