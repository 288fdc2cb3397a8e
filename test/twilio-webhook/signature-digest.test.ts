import twilio from 'twilio';
import { createSignatureDigest } from '../../src/twilio-webhook/signature-digest.js';

const TOKEN = 'digest-test-token-0123456789abcdef';
const URL = 'https://holdline.example.test/voice/wait?queue=customers';

describe('createSignatureDigest', () => {
  const digest = createSignatureDigest(TOKEN);

  it.each([
    ['no parameters', {}],
    ['Twilio-shaped parameters', { QueuePosition: '3', CallSid: 'CA01', QueueTime: '45' }],
    ['non-ASCII values and keys that sort by code unit', { b: 'é€😀', B: 'x', a: '', _: '+&=' }],
    ['a repeated key, with a duplicate value', { Digits: ['9', '1', '9'], From: '+15551230000' }],
  ])('equals the Twilio SDK’s expected signature for %s', (_name, params) => {
    expect(digest(URL, params)).toBe(twilio.getExpectedTwilioSignature(TOKEN, URL, params));
  });

  it('changes when the URL, a value or the token changes', () => {
    const params = { CallSid: 'CA01' };
    const base = digest(URL, params);
    expect(digest(`${URL}&x=1`, params)).not.toBe(base);
    expect(digest(URL, { CallSid: 'CA02' })).not.toBe(base);
    expect(createSignatureDigest(`${TOKEN}x`)(URL, params)).not.toBe(base);
  });
});
