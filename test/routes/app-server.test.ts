import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';
import request from 'supertest';
import { createAppServer } from '../../src/http/app-server.js';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { API_TOKEN, AUTH_TOKEN, BASE_URL, buildTestApp, freshStats } from '../support/test-app.js';

const WAIT_PATH = '/voice/wait?queue=customers';
const WAIT_PARAMS = { CallSid: 'CA0123456789abcdef0123456789abcdef', QueuePosition: '3' };

/** The prototypes each request and response had when the server handed them to the app. */
function recordPrototypes(server: Server) {
  const seen: { request: unknown; response: unknown }[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ request: Object.getPrototypeOf(req), response: Object.getPrototypeOf(res) });
  });
  return seen;
}

/** A webhook, an API read, a refusal and a miss: status, type, request id and body of each. */
async function answers(target: Express | Server) {
  const wait = await request(target)
    .post(WAIT_PATH)
    .type('form')
    .set('X-Twilio-Signature', signTwilioRequest(AUTH_TOKEN, BASE_URL + WAIT_PATH, WAIT_PARAMS))
    .send(WAIT_PARAMS);
  const api = await request(target).get('/api/queues').set('Authorization', `Bearer ${API_TOKEN}`);
  const unsigned = await request(target)
    .post(WAIT_PATH)
    .type('form')
    .set('X-Request-Id', 'edge-42')
    .send(WAIT_PARAMS);
  const missing = await request(target).get('/nowhere');
  return [wait, api, unsigned, missing].map((res) => ({
    status: res.status,
    type: res.headers['content-type'],
    // A made-up id differs from run to run; whether there is one does not.
    requestId: String(res.headers['x-request-id']).replace(/^[0-9a-f-]{36}$/, 'a new UUID'),
    body: res.text,
  }));
}

describe('createAppServer', () => {
  it("constructs requests and responses on the app's prototypes, leaving Express nothing to re-prototype", async () => {
    const { app } = buildTestApp({ snapshot: freshStats });
    const server = createAppServer(app);
    const seen = recordPrototypes(server);
    await request(server).get('/healthz').expect(200);
    expect(seen).toEqual([{ request: app.request, response: app.response }]);
  });

  it('a plain Node server hands the app bare Node objects (what createAppServer saves Express from)', async () => {
    const { app } = buildTestApp({ snapshot: freshStats });
    const server = createServer(app);
    const seen = recordPrototypes(server);
    await request(server).get('/healthz').expect(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.request).not.toBe(app.request);
    expect(seen[0]?.response).not.toBe(app.response);
  });

  it('answers exactly as the app does on any other server, and the app still serves elsewhere', async () => {
    const reference = await answers(buildTestApp({ snapshot: freshStats }).app);
    const { app } = buildTestApp({ snapshot: freshStats });
    const served = await answers(createAppServer(app));
    const afterwards = await answers(app);

    expect(served).toEqual(reference);
    expect(afterwards).toEqual(reference);
    // The comparison means something only if the answers are the real ones.
    expect(reference.map(({ status }) => status)).toEqual([200, 200, 400, 404]);
    expect(reference[0]?.body).toContain('You are number 3 in line.');
    // The test app logs every request (debug), so each gets an id; a proxy's is echoed.
    expect(reference.map(({ requestId }) => requestId)).toEqual([
      'a new UUID',
      'a new UUID',
      'edge-42',
      'a new UUID',
    ]);
  });
});
