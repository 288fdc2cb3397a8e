import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { findFreePort, runScript, useScratch, waitFor } from '../support/child-processes.js';

/**
 * The entry files as a user runs them: `npm start` (demo mode) and `npm run simulate`. These
 * are real processes on loopback; they prove the wiring the in-process tests cannot.
 */
jest.setTimeout(60_000);

describe('the server and simulate entry points', () => {
  const scratch = useScratch('holdline-');

  it('demo mode invents a token, keeps it, answers signed webhooks, and stops cleanly on SIGTERM', async () => {
    const dataDir = scratch.dir();
    const server = scratch.started(
      runScript('src/server.ts', [], {
        PORT: '0',
        DATA_DIR: dataDir,
        PUBLIC_BASE_URL: 'http://127.0.0.1',
      }),
    );
    const { output, exited } = server;
    await waitFor(() => output().includes('"msg":"holdline listening"'), 'the server to listen');
    const port = Number(/"port":(\d+)/.exec(output())?.[1]);
    const token = (await readFile(path.join(dataDir, 'demo-auth-token'), 'utf8')).trim();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(output()).toContain(`Demo auth token: ${token}`);

    // The server checks signatures against PUBLIC_BASE_URL, whatever port it really got.
    const url = 'http://127.0.0.1/voice/incoming';
    const params = { CallSid: 'CA1', From: '+15550100001' };
    const res = await fetch(`http://127.0.0.1:${port}/voice/incoming`, {
      method: 'POST',
      headers: {
        'X-Twilio-Signature': signTwilioRequest(token, url, params),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Enqueue');

    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('"msg":"stopped"');
  });

  it('a bad configuration exits with code 2 and names every bad variable', async () => {
    const { output, exited } = scratch.started(
      runScript('src/server.ts', [], {
        PORT: 'eighty',
        ANNOUNCE_POSITION_CAP: '-1',
        DATA_DIR: scratch.dir(),
      }),
    );
    expect(await exited).toBe(2);
    expect(output()).toContain('PORT');
    expect(output()).toContain('ANNOUNCE_POSITION_CAP');
  });

  it('simulate signs with the configured token and prints the TwiML the server answered', async () => {
    const port = String(await findFreePort());
    const env = {
      PORT: port,
      DATA_DIR: scratch.dir(),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'simulate-test-token',
      // Production mode polls in the web process: keep it on loopback (a closed port; the
      // poller's failures are logged and change nothing here). Tests never leave the machine.
      TWILIO_API_BASE_URL: 'http://127.0.0.1:1',
    };
    const started = scratch.started(runScript('src/server.ts', [], env));
    await waitFor(
      () => started.output().includes('"msg":"holdline listening"'),
      'the server to listen',
    );

    const simulated = scratch.started(
      runScript(
        'src/sim/cli.ts',
        ['rep', '--after', 'queue-empty', '--queue', 'premium-customers'],
        env,
      ),
    );
    expect(await simulated.exited).toBe(0);
    expect(simulated.output()).toContain(
      "curl -sS -X POST 'http://127.0.0.1:" + port + "/rep-call-complete?queue=premium-customers'",
    );
    expect(simulated.output()).toContain('HTTP 200');
    expect(simulated.output()).toMatch(
      /<Queue url="[^"]*\/voice\/dequeued\?queue=customers" method="POST">customers<\/Queue>/,
    );

    // Signed with another token: the server refuses it and the CLI says so in its exit code.
    const forged = scratch.started(
      runScript('src/sim/cli.ts', ['caller'], {
        ...env,
        TWILIO_AUTH_TOKEN: 'not-the-servers-token',
      }),
    );
    expect(await forged.exited).toBe(1);
    expect(forged.output()).toContain('HTTP 403');
  });
});
