import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src/emulator/emulator.js';
import { loadWorkspaceFixture, parseWorkspaceFixture } from '../../src/emulator/fixture.js';
import { EmulatorInputError } from '../../src/emulator/validation.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, fixedClock } from '../support/emulator-sdk.js';

function problemsOf(input: unknown): readonly string[] {
  try {
    parseWorkspaceFixture(input);
  } catch (error) {
    if (error instanceof EmulatorInputError) return error.problems;
    throw error;
  }
  throw new Error('expected parseWorkspaceFixture to throw');
}

describe('the workspace fixture', () => {
  it('needs only queue names; everything else has a default', () => {
    const fixture = parseWorkspaceFixture({ queues: [{ friendlyName: 'support' }] });

    expect(fixture).toEqual({
      friendlyName: 'holdline emulator',
      seed: 1,
      queues: [
        {
          friendlyName: 'support',
          targetWorkers: null,
          maxSize: 1000,
          live: {
            waitingCallers: 0,
            longestWaitSeconds: 0,
            workers: { idle: 0, busy: 0, reserved: 0, offline: 0 },
          },
          traffic: {
            callsPerHour: 30,
            abandonShare: 0.08,
            meanAcceptedWaitSeconds: 45,
            meanCanceledWaitSeconds: 90,
            meanHandleSeconds: 240,
          },
        },
      ],
    });
  });

  it('names every bad field, with its path', () => {
    const problems = problemsOf({
      workspaceSid: 'WS123',
      queues: [
        { friendlyName: 'a', live: { waitingCallers: -1 } },
        { friendlyName: 'a', taskQueueSid: 'XX', colour: 'red' },
        { friendlyName: 'b', live: { waitingCallers: 0, longestWaitSeconds: 10 } },
      ],
    });

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^workspaceSid: must be WS followed by 32 hex digits/),
        expect.stringMatching(/^queues\[0\]\.live\.waitingCallers: /),
        expect.stringMatching(/^queues\[1\]\.taskQueueSid: must be WQ followed by 32 hex digits/),
        expect.stringMatching(/^queues\[1\]: .*colour/),
        'queues[2].live.longestWaitSeconds: must be 0 when nobody waits',
      ]),
    );
  });

  it('refuses a queue name or SID used twice', () => {
    const sid = `WQ${'a'.repeat(32)}`;

    expect(
      problemsOf({
        queues: [
          { friendlyName: 'a', taskQueueSid: sid },
          { friendlyName: 'a', taskQueueSid: sid },
        ],
      }),
    ).toEqual([
      'queues[1].friendlyName: repeats queues[0].friendlyName (a)',
      `queues[1].taskQueueSid: repeats queues[0].taskQueueSid (${sid})`,
    ]);
  });

  it('takes workers, and names a bad one’s field', () => {
    const fixture = parseWorkspaceFixture({
      queues: [],
      workers: [{ friendlyName: 'alice', attributes: { skills: ['billing'] } }],
    });

    expect(fixture.workers).toEqual([
      { friendlyName: 'alice', attributes: { skills: ['billing'] }, activity: 'Offline' },
    ]);
    expect(
      problemsOf({
        queues: [],
        workers: [
          { friendlyName: 'alice' },
          { friendlyName: 'ALICE', activity: 'Lunch' },
          { friendlyName: 'bob', attributes: '[1]' },
          { friendlyName: 'carol', attributes: { notes: 'x'.repeat(4100) } },
          { friendlyName: 'dave', workerSid: 'WK1' },
        ],
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^workers\[1\]\.activity: /),
        'workers[2].attributes: Attributes must be a JSON object',
        expect.stringMatching(
          /^workers\[3\]\.attributes: Attributes are \d+ bytes long; the limit is 4096/,
        ),
        expect.stringMatching(/^workers\[4\]\.workerSid: must be WK/),
      ]),
    );
    expect(
      problemsOf({ queues: [], workers: [{ friendlyName: 'a' }, { friendlyName: 'A' }] }),
    ).toEqual(['workers[1].friendlyName: repeats workers[0].friendlyName']);
  });

  describe('from a file', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'holdline-fixture-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('loads a JSON fixture, and the emulator serves its SIDs', async () => {
      const file = path.join(dir, 'workspace.json');
      const workspaceSid = `WS${'b'.repeat(32)}`;
      const taskQueueSid = `WQ${'c'.repeat(32)}`;
      await writeFile(
        file,
        JSON.stringify({
          workspaceSid,
          queues: [
            {
              friendlyName: 'support',
              taskQueueSid,
              live: { waitingCallers: 1, longestWaitSeconds: 12 },
            },
          ],
        }),
      );

      const emulator = await startEmulator({
        accountSid: EMULATOR_ACCOUNT_SID,
        authToken: EMULATOR_AUTH_TOKEN,
        workspace: await loadWorkspaceFixture(file),
        clock: fixedClock,
      });
      try {
        expect(emulator.workspaceSid).toBe(workspaceSid);
        expect(emulator.workspace.get('support')).toMatchObject({
          taskQueueSid,
          live: { waitingCallers: 1, longestWaitSeconds: 12, averageWaitSeconds: 12 },
        });
      } finally {
        await emulator.close();
      }
    });

    it('names the file when its JSON does not parse', async () => {
      const file = path.join(dir, 'broken.json');
      await writeFile(file, '{"queues": [');

      await expect(loadWorkspaceFixture(file)).rejects.toThrow(new RegExp(`^${file}: `));
    });

    it('names the file and the field when the fixture is wrong', async () => {
      const file = path.join(dir, 'wrong.json');
      await writeFile(file, JSON.stringify({ queues: [{ friendlyName: '' }] }));

      await expect(loadWorkspaceFixture(file)).rejects.toThrow(
        new RegExp(`^${file}: queues\\[0\\]\\.friendlyName: `),
      );
    });
  });
});
