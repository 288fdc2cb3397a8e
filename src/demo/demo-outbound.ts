import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** What the demo needs of the emulator's voice side: calls it rings into the app. */
export interface DemoPhones {
  callIn(call: { url: string; from: string; to: string }): { hangUp(): void };
}

/** Reps the demo rings into the rep loop. */
export const DEMO_REPS = 3;
const DEMO_CONTACTS = 20;
const DEMO_CAMPAIGN_NAME = 'Demo campaign';
/** The demo's rep line and caller ID: fictional numbers, dialed only inside the emulator. */
const REP_LINE = '+14155550199';
const DEMO_CALLER_ID = '+14155550198';

/**
 * The outbound half of the demo, end to end: reps ring into the rep loop (the emulator plays
 * their TwiML as Twilio would), and a campaign of fictional numbers is created and started
 * through the app's own API, once per DATA_DIR — a restart resumes it rather than adding
 * another. The emulator's callees ring, answer, go into the campaign's queue and reach the
 * parked reps; the admin page shows the progress.
 */
export async function startDemoOutbound(options: {
  config: Config;
  logger: Logger;
  phones: DemoPhones;
  apiToken: string;
}): Promise<{ stop(): void }> {
  const { config, logger, phones } = options;
  const reps = Array.from({ length: DEMO_REPS }, (_, i) =>
    phones.callIn({
      url: `${config.publicBaseUrl}/rep-call-complete`,
      from: `+1415555${String(2000 + i)}`,
      to: REP_LINE,
    }),
  );
  const stop = () => {
    for (const rep of reps) rep.hangUp();
  };
  try {
    const started = await startDemoCampaign(options);
    logger.info(
      { reps: DEMO_REPS, campaign: started ?? 'already there' },
      started === undefined
        ? 'demo mode: reps ringing in; the demo campaign from an earlier run carries on'
        : 'demo mode: reps ringing in and a demo campaign started (see the admin page)',
    );
  } catch (error) {
    logger.warn({ err: error }, 'demo mode: could not start the demo campaign');
  }
  return { stop };
}

/** The campaign's id when this run created it; undefined when one was there already. */
async function startDemoCampaign(options: {
  config: Config;
  apiToken: string;
}): Promise<string | undefined> {
  const { config, apiToken } = options;
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${config.publicBaseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} /api${path}: HTTP ${response.status}`);
    return (await response.json()) as {
      campaigns?: readonly { name: string }[];
      campaign?: { id: string };
    };
  };
  const { campaigns = [] } = await call('GET', '/campaigns');
  if (campaigns.some((campaign) => campaign.name === DEMO_CAMPAIGN_NAME)) return undefined;
  const phones = Array.from(
    { length: DEMO_CONTACTS },
    (_, i) => `+1415555${String(100 + i).padStart(4, '0')}`,
  );
  const created = await call('POST', '/campaigns', {
    name: DEMO_CAMPAIGN_NAME,
    settings: {
      // The last queue: inbound callers of the others keep their priority with the reps.
      targetQueue: config.queues[config.queues.length - 1],
      callerId: DEMO_CALLER_ID,
      message: 'This was the holdline demo calling. Press 9 to stop these calls.',
      // The numbers are fictional and only the emulator answers them: the demo runs at any hour.
      // A real campaign keeps the default, 08:00 to 21:00 in each callee's zone.
      callingWindow: { start: '00:00', end: '24:00' },
      maxAttempts: 2,
      retryDelaySeconds: 60,
      // Predictive at the default target: the campaign shows its abandonment budget (the API,
      // the admin page), which opens once enough people have answered.
      pacing: { mode: 'predictive' },
    },
    csv: ['phone', ...phones].join('\n'),
  });
  const id = created.campaign?.id;
  if (id === undefined) throw new Error('POST /api/campaigns answered no campaign id');
  await call('POST', `/campaigns/${id}/start`);
  return id;
}
