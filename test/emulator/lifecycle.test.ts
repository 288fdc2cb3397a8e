import { Agent, get } from 'node:http';
import { startEmulator } from '../../src/emulator/emulator.js';
import { EmulatorInputError } from '../../src/emulator/validation.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, basicAuth } from '../support/emulator-sdk.js';
import { eventually } from '../support/eventually.js';

const base = { accountSid: EMULATOR_ACCOUNT_SID, authToken: EMULATOR_AUTH_TOKEN };

/** One GET over the given agent; resolves with the status, or the error that ended it. */
function getWith(agent: Agent, url: string): Promise<number | Error> {
  return new Promise((resolve) => {
    get(url, { agent, headers: { authorization: basicAuth() } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', resolve);
  });
}

describe('starting and closing the emulator', () => {
  it('listens on a free loopback port, one per emulator', async () => {
    const [a, b] = await Promise.all([startEmulator(base), startEmulator(base)]);
    try {
      expect(a.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(b.baseUrl).not.toBe(a.baseUrl);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('closes idle keep-alive connections too', async () => {
    const emulator = await startEmulator(base);
    const agent = new Agent({ keepAlive: true });
    try {
      expect(
        await getWith(
          agent,
          `${emulator.baseUrl}/v1/Workspaces/${emulator.workspaceSid}/TaskQueues`,
        ),
      ).toBe(200);
      const [socket] = Object.values(agent.freeSockets).flat();
      if (socket === undefined) throw new Error('the agent kept no connection');
      const socketClosed = new Promise((resolve) => socket.once('close', resolve));

      await emulator.close();

      // The server hung up the idle connection (else this waits until the test times out).
      await socketClosed;
      expect(socket.destroyed).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('ends requests it is holding when it closes', async () => {
    const emulator = await startEmulator(base);
    emulator.faults.script({ kind: 'delay', ms: 60_000 });
    const agent = new Agent({ keepAlive: true });
    try {
      const held = getWith(
        agent,
        `${emulator.baseUrl}/v1/Workspaces/${emulator.workspaceSid}/TaskQueues`,
      );
      // The request used the scripted delay up: it has arrived and is being held.
      await eventually(() => expect(emulator.faults.pending).toEqual([]));

      await emulator.close();

      expect(await held).toMatchObject({ code: 'ECONNRESET' });
    } finally {
      agent.destroy();
    }
  });

  it('can be closed twice', async () => {
    const emulator = await startEmulator(base);

    await emulator.close();
    await expect(emulator.close()).resolves.toBeUndefined();
  });

  it('refuses bad options before listening, naming each', async () => {
    await expect(
      startEmulator({ accountSid: 'AC123', authToken: '', workspaceSid: 'nope', port: 70_000 }),
    ).rejects.toThrow(EmulatorInputError);
    await expect(
      startEmulator({ accountSid: 'AC123', authToken: '', workspaceSid: 'nope', port: 70_000 }),
    ).rejects.toMatchObject({
      problems: [
        expect.stringMatching(/^accountSid: /),
        expect.stringMatching(/^authToken: /),
        expect.stringMatching(/^workspaceSid: /),
        expect.stringMatching(/^port: /),
      ],
    });
    await expect(startEmulator({ ...base, faults: { dropShare: 1.5 } })).rejects.toThrow(
      /dropShare/,
    );
    await expect(
      startEmulator({ ...base, workspace: { seed: 1, queueCount: -1 } }),
    ).rejects.toThrow(/queueCount/);
  });

  it('reports a port already taken', async () => {
    const first = await startEmulator(base);
    try {
      const port = Number(new URL(first.baseUrl).port);
      await expect(startEmulator({ ...base, port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
