import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { buildSignedRequest, formatCurl } from '../../src/twilio-webhook/signed-request.js';

const TOKEN = 'test-auth-token-0123456789abcdef';
const BASE = 'https://holdline.example.test';

/** Twilio's scheme, by hand: HMAC-SHA1 over the URL and each sorted key+value, base64. */
const hmac = (data: string) => createHmac('sha1', TOKEN).update(data, 'utf8').digest('base64');

describe('buildSignedRequest', () => {
  describe('for a POST', () => {
    const request = buildSignedRequest({
      authToken: TOKEN,
      method: 'POST',
      url: `${BASE}/voice/incoming`,
      params: { From: '+15551234567', CallSid: 'CA0001' },
    });

    it('keeps the URL and sends the parameters in the body', () => {
      expect(request.method).toBe('POST');
      expect(request.url).toBe(`${BASE}/voice/incoming`);
      expect(request.params).toEqual({ From: '+15551234567', CallSid: 'CA0001' });
    });

    it('signs the URL followed by the sorted parameters', () => {
      expect(request.signature).toBe(hmac(`${BASE}/voice/incomingCallSidCA0001From+15551234567`));
    });

    it('carries a signature that twilio.validateRequest accepts', () => {
      expect(twilio.validateRequest(TOKEN, request.signature, request.url, request.params)).toBe(
        true,
      );
      expect(
        twilio.validateRequest(TOKEN, request.signature, request.url, {
          ...request.params,
          CallSid: 'CA0002',
        }),
      ).toBe(false);
    });
  });

  describe('for a GET', () => {
    const request = buildSignedRequest({
      authToken: TOKEN,
      method: 'GET',
      url: `${BASE}/voice/wait`,
      params: { QueuePosition: '3', From: '+15551234567' },
    });
    const url = `${BASE}/voice/wait?QueuePosition=3&From=%2B15551234567`;

    it('puts the parameters in the URL and sends none in a body', () => {
      expect(request.method).toBe('GET');
      expect(request.url).toBe(url);
      expect(request.params).toEqual({});
    });

    it('signs the URL alone', () => {
      expect(request.signature).toBe(hmac(url));
    });

    it('carries a signature that twilio.validateRequest accepts', () => {
      expect(twilio.validateRequest(TOKEN, request.signature, request.url, request.params)).toBe(
        true,
      );
      expect(twilio.validateRequest(TOKEN, request.signature, `${BASE}/voice/wait`, {})).toBe(
        false,
      );
    });

    it('appends to a query string the URL already has', () => {
      const withQuery = buildSignedRequest({
        authToken: TOKEN,
        method: 'GET',
        url: `${BASE}/voice/wait?queue=customers`,
        params: { QueuePosition: '3' },
      });

      expect(withQuery.url).toBe(`${BASE}/voice/wait?queue=customers&QueuePosition=3`);
      expect(withQuery.signature).toBe(hmac(`${BASE}/voice/wait?queue=customers&QueuePosition=3`));
    });

    it('without parameters, leaves the URL alone', () => {
      const bare = buildSignedRequest({
        authToken: TOKEN,
        method: 'GET',
        url: `${BASE}/voice/wait`,
        params: {},
      });

      expect(bare.url).toBe(`${BASE}/voice/wait`);
      expect(bare.signature).toBe(hmac(`${BASE}/voice/wait`));
    });
  });
});

describe('formatCurl', () => {
  it('writes a POST with its signature header and one --data-urlencode per parameter', () => {
    expect(
      formatCurl({
        method: 'POST',
        url: `${BASE}/voice/incoming`,
        params: { CallSid: 'CA0001', From: '+15551234567' },
        signature: 'c2lnbmF0dXJl=',
      }),
    ).toBe(
      [
        `curl -sS -X POST '${BASE}/voice/incoming'`,
        `  -H 'X-Twilio-Signature: c2lnbmF0dXJl='`,
        `  --data-urlencode 'CallSid=CA0001'`,
        `  --data-urlencode 'From=+15551234567'`,
      ].join(' \\\n'),
    );
  });

  it("closes, escapes and reopens the quotes around a value containing '", () => {
    expect(
      formatCurl({
        method: 'POST',
        url: `${BASE}/voice/incoming`,
        params: { CallerName: "O'Brien" },
        signature: 'sig',
      }),
    ).toBe(
      [
        `curl -sS -X POST '${BASE}/voice/incoming'`,
        `  -H 'X-Twilio-Signature: sig'`,
        `  --data-urlencode 'CallerName=O'\\''Brien'`,
      ].join(' \\\n'),
    );
  });

  it('writes a GET as the URL and the signature header alone', () => {
    expect(
      formatCurl({
        method: 'GET',
        url: `${BASE}/voice/wait?QueuePosition=3`,
        params: {},
        signature: 'sig',
      }),
    ).toBe(
      `curl -sS -X GET '${BASE}/voice/wait?QueuePosition=3' \\\n  -H 'X-Twilio-Signature: sig'`,
    );
  });
});
