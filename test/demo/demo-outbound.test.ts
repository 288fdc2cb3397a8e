import { loadConfig } from '../../src/config.js';
import { startDemoOutbound, DEMO_REPS } from '../../src/demo/demo-outbound.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { startCampaignWebApp, type CampaignWebApp } from '../../src/sim/campaign-web-app.js';
import { findFreePort } from '../../src/sim/free-port.js';
import { captureLogger } from '../support/capture-logger.js';

const AUTH_TOKEN = 'demo-outbound-auth-token-0123456789';
const API_TOKEN = 'demo-outbound-api-token-0123456789';
const QUEUES = ['customers', 'outbound-sales'];

/**
 * The demo's outbound half against the app's own API on loopback. No queue service runs here, so
 * the start command waits on the control stream: what is checked is the campaign as created.
 */
describe('the demo campaign', () => {
  let web: CampaignWebApp | undefined;
  afterEach(() => web?.stop());

  async function startDemo() {
    const port = await findFreePort();
    web = await startCampaignWebApp({
      port,
      authToken: AUTH_TOKEN,
      queues: QUEUES,
      campaigns: await EmbeddedCampaignStore.open(undefined),
      control: new MemoryControlLog(),
      apiToken: API_TOKEN,
    });
    const config = loadConfig({ PUBLIC_BASE_URL: web.baseUrl, QUEUES: QUEUES.join(',') });
    const rung: { url: string; from: string; to: string }[] = [];
    let hungUp = 0;
    const phones = {
      callIn(call: { url: string; from: string; to: string }) {
        rung.push(call);
        return { hangUp: () => (hungUp += 1) };
      },
    };
    const { logger } = captureLogger('info');
    const demo = await startDemoOutbound({ config, logger, phones, apiToken: API_TOKEN });
    return { demo, rung, hungUp: () => hungUp, base: web.baseUrl };
  }

  async function listCampaigns(base: string) {
    const response = await fetch(`${base}/api/campaigns`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { campaigns: Record<string, unknown>[] }).campaigns;
  }

  it('is predictive at the default target, its budget shown and not yet open', async () => {
    const { base } = await startDemo();

    const [campaign, ...others] = await listCampaigns(base);
    expect(others).toEqual([]);
    expect(campaign).toMatchObject({
      name: 'Demo campaign',
      settings: {
        targetQueue: 'outbound-sales',
        pacing: { mode: 'predictive', abandonTarget: 0.02 },
      },
      pacing: {
        mode: 'predictive',
        abandonmentRate: null,
        abandonTarget: 0.02,
        abandonCap: 0.03,
        abandonBudgetLeft: 0,
      },
    });
  });

  it('rings the reps into the rep loop and hangs them up on stop', async () => {
    const { demo, rung, hungUp, base } = await startDemo();

    expect(rung).toHaveLength(DEMO_REPS);
    expect(rung.map((call) => call.url)).toEqual(
      Array.from({ length: DEMO_REPS }, () => `${base}/rep-call-complete`),
    );
    demo.stop();
    expect(hungUp()).toBe(DEMO_REPS);
  });
});
