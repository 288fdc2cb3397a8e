import { UsageError, type FormRequest } from '../../src/sim/request-parts.js';
import { buildWebhookRequest } from '../../src/sim/webhook-requests.js';

/** The inbound commands all build form requests. */
function buildForm(...args: Parameters<typeof buildWebhookRequest>): FormRequest {
  const request = buildWebhookRequest(...args);
  if (!('params' in request)) throw new Error('a JSON request');
  return request;
}

describe('buildWebhookRequest (the simulate CLI)', () => {
  it('caller QUEUE posts to /voice/incoming?queue=QUEUE with caller parameters', () => {
    const request = buildForm('caller', ['premium-customers'], {
      callSid: 'CA1',
      from: '+15550100009',
    });
    expect(request).toEqual({
      method: 'POST',
      path: '/voice/incoming?queue=premium-customers',
      params: {
        CallSid: 'CA1',
        AccountSid: `AC${'0'.repeat(32)}`,
        ApiVersion: '2010-04-01',
        From: '+15550100009',
        To: '+15550100000',
        CallStatus: 'ringing',
        Direction: 'inbound',
      },
    });
  });

  it('wait carries position and queue time as Twilio does, and our own state in the URL', () => {
    const request = buildForm('wait', [], {
      callSid: 'CA1',
      queue: 'customers',
      position: '3',
      queueTime: '40',
      announced: '0',
    });
    expect(request.path).toBe('/voice/wait?queue=customers&announced=0');
    expect(request.params).toMatchObject({ QueuePosition: '3', QueueTime: '40' });
    expect(request.params).not.toHaveProperty('QueueSid');
  });

  it("taken posts the rep's <Queue url> on the caller's call, with the dequeuing call", () => {
    const request = buildForm('taken', [], {
      callSid: 'CA1',
      queue: 'customers',
      queueTime: '95',
    });
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/voice/dequeued?queue=customers');
    expect(request.params).toMatchObject({ CallSid: 'CA1', QueueTime: '95' });
    expect(request.params.DequeingCallSid).toMatch(/^CA[0-9a-f]{32}$/);
  });

  it('sms-reply posts an inbound SMS to /sms/incoming with Twilio’s parameters', () => {
    const request = buildForm('sms-reply', ['4', 'kind', 'rep'], { from: '+15550100009' });
    expect(request.path).toBe('/sms/incoming');
    expect(request.params).toMatchObject({
      AccountSid: `AC${'0'.repeat(32)}`,
      From: '+15550100009',
      To: '+15550100000',
      Body: '4 kind rep',
      NumMedia: '0',
      SmsStatus: 'received',
    });
    expect(request.params.MessageSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(() => buildWebhookRequest('sms-reply', [], {})).toThrow(UsageError);
  });

  it('result carries the caller’s numbers, as the Enqueue action does', () => {
    expect(buildForm('result', ['bridged'], { from: '+15550100009' }).params).toMatchObject({
      From: '+15550100009',
      To: '+15550100000',
      QueueResult: 'bridged',
    });
  });

  it('result needs a QueueResult', () => {
    expect(() => buildWebhookRequest('result', [], {})).toThrow(UsageError);
    expect(buildForm('result', ['hangup'], { queue: 'customers' }).params.QueueResult).toBe(
      'hangup',
    );
  });

  it('rep without options is a first call-in; --get uses GET', () => {
    const first = buildForm('rep', [], { get: true });
    expect(first.method).toBe('GET');
    expect(first.path).toBe('/rep-call-complete');
    expect(first.params).not.toHaveProperty('DequeueResult');
    const next = buildForm('rep', [], { after: 'queue-empty', queue: 'customers' });
    expect(next).toMatchObject({ method: 'POST', path: '/rep-call-complete?queue=customers' });
    expect(next.params.DequeueResult).toBe('queue-empty');
  });

  it('generates a fresh CallSid when none is given', () => {
    expect(buildForm('caller', [], {}).params.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
  });

  it.each([undefined, 'dial'])('refuses the command %p with a usage error', (command) => {
    expect(() => buildWebhookRequest(command, [], {})).toThrow(UsageError);
  });
});
