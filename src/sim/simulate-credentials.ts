import type { Config } from '../config.js';
import { demoSecretPath, readDemoSecret } from '../demo/demo-secrets.js';
import { UsageError } from './request-parts.js';
import type { Secret, WireCredentials } from './wire-request.js';

/**
 * The credentials the server checks, read as the server reads them (server.ts): the configured
 * TWILIO_AUTH_TOKEN and API_TOKEN, else in demo mode the tokens the demo keeps under DATA_DIR;
 * EVENT_STREAMS_BASIC_AUTH when set.
 */
export async function readSimulateCredentials(config: Config): Promise<WireCredentials> {
  const authToken =
    config.twilio.authToken ?? (await readDemoSecret(config.dataDir, 'demo-auth-token'));
  if (authToken === undefined) {
    throw new UsageError(
      `no auth token: set TWILIO_AUTH_TOKEN, or start the demo once (npm start) so it writes ${config.dataDir}/demo-auth-token`,
    );
  }
  const basic = config.eventStreams.basicAuth;
  return {
    authToken,
    basicAuth:
      basic === undefined
        ? undefined
        : { value: `${basic.user}:${basic.password}`, shell: '$EVENT_STREAMS_BASIC_AUTH' },
    apiToken: await apiToken(config),
  };
}

async function apiToken(config: Config): Promise<Secret | undefined> {
  if (config.apiToken !== undefined) return { value: config.apiToken, shell: '$API_TOKEN' };
  if (config.mode !== 'demo') return undefined;
  const demo = await readDemoSecret(config.dataDir, 'demo-api-token');
  const file = demoSecretPath(config.dataDir, 'demo-api-token');
  return demo === undefined ? undefined : { value: demo, shell: `$(cat ${file})` };
}
