import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { AppError } from '../../src/errors.js';
import { createFormBodyParser } from '../../src/http/form-body.js';
import { createSignatureValidator } from '../../src/twilio-webhook/signature.js';
import { signedBaseUrls } from '../../src/twilio-webhook/signed-urls.js';

// Twilio's published vectors (twilio-node spec/validation.spec.js).
const TOKEN = '12345';
const PATH = '/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const SIGNED_WITHOUT_PORT = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
const SIGNED_WITH_443 = 'kvajT1Ptam85bY51eRf/AJRuM3w=';

/** Only the validator behind the body parser, answering 204 or the refusal's code. */
function appFor(publicBaseUrl: string) {
  const app = express();
  app.post(
    '/myapp.php',
    createFormBodyParser({ limitBytes: 16 * 1024, parameterLimit: 200 }),
    createSignatureValidator({ authToken: TOKEN, publicBaseUrl }),
    (_req: Request, res: Response) => {
      res.status(204).end();
    },
  );
  app.use((error: AppError, _req: Request, res: Response, _next: NextFunction) => {
    res.status(error.status).json({ code: error.code });
  });
  return app;
}

const send = (publicBaseUrl: string, signature: string) =>
  request(appFor(publicBaseUrl))
    .post(PATH)
    .type('form')
    .set('X-Twilio-Signature', signature)
    .send(PARAMS);

const signedOver = (url: string) => twilio.getExpectedTwilioSignature(TOKEN, url, { ...PARAMS });

describe('webhook signature URLs', () => {
  it('the published vectors are what we sign and check', () => {
    expect(signedOver(`https://mycompany.com${PATH}`)).toBe(SIGNED_WITHOUT_PORT);
    expect(signedOver(`https://mycompany.com:443${PATH}`)).toBe(SIGNED_WITH_443);
  });

  it.each([
    ['https://mycompany.com', SIGNED_WITHOUT_PORT],
    ['https://mycompany.com', SIGNED_WITH_443],
    ['https://mycompany.com:443', SIGNED_WITHOUT_PORT],
    ['https://mycompany.com:443', SIGNED_WITH_443],
  ])('PUBLIC_BASE_URL %s accepts %s (the URL with and without :443)', async (base, signature) => {
    expect((await send(base, signature)).status).toBe(204);
  });

  it('a non-default port is never stripped: a signature over the URL without it is refused', async () => {
    const base = 'https://mycompany.com:8443';
    expect((await send(base, signedOver(`${base}${PATH}`))).status).toBe(204);
    const stripped = await send(base, SIGNED_WITHOUT_PORT);
    expect(stripped.status).toBe(403);
    expect(stripped.body).toEqual({ code: 'SIGNATURE_INVALID' });
    expect((await send(base, SIGNED_WITH_443)).status).toBe(403);
  });

  it('http accepts its own default port, not https’s', async () => {
    const base = 'http://mycompany.com';
    expect((await send(base, signedOver(`http://mycompany.com:80${PATH}`))).status).toBe(204);
    expect((await send(base, signedOver(`http://mycompany.com:443${PATH}`))).status).toBe(403);
    expect((await send(base, SIGNED_WITHOUT_PORT)).status).toBe(403);
  });
});

describe('signedBaseUrls', () => {
  it.each([
    ['https://a.example', ['https://a.example', 'https://a.example:443']],
    ['https://a.example:443/app', ['https://a.example:443/app', 'https://a.example/app']],
    ['HTTP://a.example:80', ['HTTP://a.example:80', 'HTTP://a.example']],
    ['https://a.example:8443', ['https://a.example:8443']],
    ['https://u:p@a.example', ['https://u:p@a.example', 'https://u:p@a.example:443']],
    ['https://[::1]:443', ['https://[::1]:443', 'https://[::1]']],
    ['http://[::1]', ['http://[::1]', 'http://[::1]:80']],
  ])('%s → %j', (base, expected) => {
    expect(signedBaseUrls(base)).toEqual(expected);
  });
});
