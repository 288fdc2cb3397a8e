import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { DemoPhones } from '../demo/demo-outbound.js';

/** Where the poller's REST calls go, with what credentials. */
export interface TwilioAccess {
  readonly accountSid: string;
  readonly authToken: string;
  readonly apiBaseUrl: string | undefined;
  readonly workspaceSid: string | undefined;
  /** Demo mode: the emulator's phones, which ring the demo's reps into the app. */
  readonly demoPhones?: DemoPhones;
  close(): Promise<void>;
}

/** Any well-formed SID: nothing outside this process ever sees the demo account. */
const DEMO_ACCOUNT_SID = `AC${'de30'.repeat(8)}`;
const DEMO_SEED = 1;

/**
 * Production: Twilio (or TWILIO_API_BASE_URL) with the configured credentials. Demo: the
 * emulator, started in this process on a free loopback port, with a workspace holding the
 * configured queues and live-looking numbers, so the poller, the cache and the announcements
 * run for real with nothing but Node.
 */
export async function openTwilioAccess(options: {
  config: Config;
  logger: Logger;
  /** The demo auth token (the emulator checks REST credentials like Twilio does). */
  demoAuthToken: string;
  /** The API token in demo mode (configured or invented): what the demo's flows send. */
  demoApiToken?: string;
}): Promise<TwilioAccess> {
  const { config, logger } = options;
  if (config.mode === 'production') {
    const { accountSid, authToken } = config.twilio;
    if (accountSid === undefined || authToken === undefined) {
      throw new Error('production mode without TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN');
    }
    if (config.twilio.workspaceSid === undefined) {
      logger.warn(
        'TWILIO_FLEX_WORKSPACE_SID is not set: the cache holds Voice queue sizes only, and wait estimates stay unknown (they need TaskRouter statistics)',
      );
    }
    return {
      accountSid,
      authToken,
      apiBaseUrl: config.twilio.apiBaseUrl,
      workspaceSid: config.twilio.workspaceSid,
      close: () => Promise.resolve(),
    };
  }
  // Loaded only here, in demo mode: a production process never loads the emulator's code.
  const { startEmulator } = await import('../emulator/emulator.js');
  const emulator = await startEmulator({
    accountSid: DEMO_ACCOUNT_SID,
    authToken: options.demoAuthToken,
    workspace: { queueNames: [...config.queues], seed: DEMO_SEED },
    // The demo workspace's events come back to this process, as a real Workspace's would.
    eventCallbackUrl: `${config.publicBaseUrl}/taskrouter/events`,
    // A studio campaign's flow reports to /callstatus with the API token, as a real flow's
    // HTTP Request widget is set up to.
    ...(options.demoApiToken === undefined
      ? {}
      : { studio: { bearerToken: options.demoApiToken } }),
    logger: logger.child({ component: 'emulator' }),
    // The demo campaign's callees go through the app's queues as they would on Twilio.
    calls: {
      playTwiml: true,
      callsPerSecond: config.outbound.callsPerSecond,
      talkMs: { minMs: 15_000, maxMs: 45_000 },
    },
  });
  logger.info(
    { emulator: emulator.baseUrl, workspaceSid: emulator.workspaceSid },
    'demo mode: Twilio REST emulator running in this process',
  );
  return {
    accountSid: emulator.accountSid,
    authToken: options.demoAuthToken,
    apiBaseUrl: emulator.baseUrl,
    workspaceSid: emulator.workspaceSid,
    ...(emulator.voice === undefined ? {} : { demoPhones: emulator.voice }),
    close: () => emulator.close(),
  };
}
