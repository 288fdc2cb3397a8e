import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { startCampaignWebApp, type CampaignWebApp } from '../../src/sim/campaign-web-app.js';
import { contacts, execution, SETTINGS, T0 } from '../outbound/campaign-fixtures.js';
import { findFreePort, runScript, useScratch } from '../support/child-processes.js';

jest.setTimeout(60_000);

const AUTH_TOKEN = 'simulate-cli-auth-token-0123456789';
const CALL_SID = `CA${'2'.repeat(32)}`;

/**
 * `npm run simulate` as a user runs it, against a started app on loopback: the demo's token
 * read from DATA_DIR, the request signed, sent, and the answer printed.
 */
describe('npm run simulate, outbound commands, against a running app', () => {
  const scratch = useScratch('holdline-simulate-');
  let web: CampaignWebApp | undefined;
  afterEach(() => web?.stop());

  async function startApp() {
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    await campaigns.create(execution('CE1'), contacts(1));
    await campaigns.setStatus('CE1', ['ready'], 'running', undefined);
    const [claimed] = await campaigns.claim('CE1', 1, T0);
    if (claimed === undefined) throw new Error('nothing claimed');
    await campaigns.advance('CE1', claimed.id, ['claimed'], { state: 'dialing', dialedAt: T0 });
    await campaigns.advance('CE1', claimed.id, ['dialing'], { state: 'live', callSid: CALL_SID });
    web = await startCampaignWebApp({
      port: await findFreePort(),
      authToken: AUTH_TOKEN,
      queues: [SETTINGS.targetQueue],
      campaigns,
      control: new MemoryControlLog(),
    });
    // Where the demo keeps the token it signs with, as `npm start` leaves it.
    const dataDir = path.join(scratch.dir(), 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'demo-auth-token'), AUTH_TOKEN);
    const simulate = async (...args: string[]) => {
      const run = scratch.started(
        runScript('src/sim/cli.ts', args, {
          DATA_DIR: dataDir,
          PUBLIC_BASE_URL: web?.baseUrl ?? '',
          LOG_LEVEL: 'silent',
        }),
      );
      return { code: await run.exited, output: run.output() };
    };
    return { campaigns, simulate, ids: ['--campaign', 'CE1', '--attempt', claimed.id] };
  }

  it('callee-answer prints the signed curl line and the <Enqueue> the app answered', async () => {
    const { simulate, ids } = await startApp();
    const { code, output } = await simulate('callee-answer', ...ids, '--call-sid', CALL_SID);
    expect(output).toContain(
      `curl -sS -X POST '${web?.baseUrl}/outbound/answer?campaign=CE1&attempt=c1%231'`,
    );
    expect(output).toContain('HTTP 200\n');
    expect(output).toContain(`>${SETTINGS.targetQueue}</Enqueue>`);
    expect(code).toBe(0);
  });

  it('event-stream delivers the no-answer event, taken (2xx), and the attempt ends', async () => {
    const { simulate, ids, campaigns } = await startApp();
    const { code, output } = await simulate(
      'event-stream',
      'no-answer',
      ...ids,
      '--call-sid',
      CALL_SID,
    );
    expect(output).toMatch(/bodySHA256=[0-9a-f]{64}'/);
    expect(output).toContain('HTTP 200\n{"taken":1,"duplicates":0,"unknown":0}');
    expect(code).toBe(0);
    expect((await campaigns.dispositions('CE1')).map((d) => d.outcome)).toEqual(['no-answer']);
  });
});
