import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import twilio from 'twilio';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { eventually } from '../support/eventually.js';
import { AUTH_TOKEN, BASE_URL, REFUSED, SAY, buildTestApp } from '../support/test-app.js';

const PATH = '/voice/wait?queue=customers';
const announcesPosition3 = `${SAY}You are number 3 in line.</Say>`;

describe('webhook body parsing', () => {
  it('refuses a repeated parameter even when signed the way Twilio signs arrays', async () => {
    const { app } = buildTestApp();
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, BASE_URL + PATH, {
      QueuePosition: '3',
      Extra: ['b', 'a'],
    });
    const res = await request(app)
      .post(PATH)
      .type('form')
      .set('X-Twilio-Signature', signature)
      .send('QueuePosition=3&Extra=b&Extra=a');
    expect(res.status).toBe(400);
    expect(res.text).toBe(REFUSED);
  });

  it('treats a __proto__ parameter as data, not as the body object’s prototype', async () => {
    const { post } = buildTestApp();
    const res = await post(PATH, { ['__proto__']: 'x', QueuePosition: '3' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(announcesPosition3);
  });

  it('refuses more than 200 parameters with 413 and TwiML', async () => {
    const { post, logs } = buildTestApp();
    const params = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`P${i}`, '1']));
    const res = await post(PATH, params);
    expect(res.status).toBe(413);
    expect(res.text).toBe(REFUSED);
    expect(logs).toContainEqual(expect.objectContaining({ code: 'BODY_TOO_LARGE' }));
  });

  it('refuses a compressed body with 415 and TwiML', async () => {
    const { app, logs } = buildTestApp();
    const res = await request(app)
      .post(PATH)
      .type('form')
      .set('Content-Encoding', 'gzip')
      .set('X-Twilio-Signature', signTwilioRequest(AUTH_TOKEN, BASE_URL + PATH, {}))
      .send('QueuePosition=3');
    expect(res.status).toBe(415);
    expect(res.text).toBe(REFUSED);
    expect(logs).toContainEqual(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }));
  });

  it('ignores a body that is not a form: the signature then covers the URL alone', async () => {
    const { app } = buildTestApp();
    const res = await request(app)
      .post(PATH)
      .set('Content-Type', 'application/json')
      .set('X-Twilio-Signature', signTwilioRequest(AUTH_TOKEN, BASE_URL + PATH, {}))
      .send('{"QueuePosition":"3"}');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('number 3');
  });

  it('stops reading a chunked body (no Content-Length) once it passes 16 kB, answering 413', async () => {
    const { app, logs } = buildTestApp();
    // 40 chunks of 1 kB: more than twice the limit, sent without a length up front.
    const chunks = Array.from({ length: 40 }, (_, i) => `P${i}=${'x'.repeat(1024)}&`);
    const { status, text } = await postInChunks(app, chunks, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect(status).toBe(413);
    expect(text).toBe(REFUSED);
    expect(logs).toContainEqual(expect.objectContaining({ code: 'BODY_TOO_LARGE' }));
  });

  it('decodes a character whose UTF-8 bytes arrive in two chunks', async () => {
    const { app } = buildTestApp();
    const params = { QueuePosition: '3', CallerName: 'Zoë' };
    const bytes = Buffer.from('QueuePosition=3&CallerName=Zo\u00eb', 'utf8');
    const split = bytes.length - 1; // between the two bytes of ë
    const signature = signTwilioRequest(AUTH_TOKEN, BASE_URL + PATH, params);
    const { status, text } = await postInChunks(
      app,
      [bytes.subarray(0, split), bytes.subarray(split)],
      signature,
    );
    expect(status).toBe(200);
    expect(text).toContain(announcesPosition3);
  });

  it('keeps serving after a client disconnects halfway through a body', async () => {
    const { app, post, logs } = buildTestApp();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const arrived = once(server, 'request') as Promise<[IncomingMessage]>;
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const halfARequest =
        `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        'Content-Type: application/x-www-form-urlencoded\r\n' +
        'X-Twilio-Signature: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\nContent-Length: 1000\r\n\r\n' +
        'QueuePosition=3&Call';
      socket.write(halfARequest);
      const [req] = await arrived;
      // Every byte sent has reached the server: the body is cut halfway, not before it began.
      await eventually(() => expect(req.socket.bytesRead).toBe(Buffer.byteLength(halfARequest)));
      // Not events.once: its 'error' listener would change what an aborted request does.
      const closed = new Promise((resolve) => req.once('close', resolve));
      socket.destroy();
      // The server has seen the disconnect (and done whatever it does about it).
      await closed;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const res = await post(PATH, { QueuePosition: '3' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(announcesPosition3);
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});

/** POSTs the chunks to a real listening server, with chunked transfer encoding. */
async function postInChunks(
  app: ReturnType<typeof buildTestApp>['app'],
  chunks: readonly (string | Buffer)[],
  signature: string,
): Promise<{ status: number; text: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: PATH,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'X-Twilio-Signature': signature,
          },
        },
        (res) => {
          let received = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (received += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: received }));
        },
      );
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
