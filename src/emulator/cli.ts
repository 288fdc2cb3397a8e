import { createLogger, type Logger } from '../logger.js';
import { USAGE, UsageError, parseCliArgs, type CliSettings } from './cli-options.js';
import { startEmulator, type Emulator } from './emulator.js';
import { loadWorkspaceFixture } from './fixture.js';
import { EmulatorInputError } from './validation.js';

/**
 * `npm run emulator -- [options]`: the emulator as a process of its own, for a demo or a
 * benchmark against a separate app. Prints where it listens and what to set for the app; the
 * auth token only when it invented one (a token you set, you already know).
 */
async function main(argv: readonly string[]): Promise<void> {
  const settings = parseCliArgs(argv, process.env);
  if (settings.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const logger = createLogger({ level: settings.logLevel });
  const workspace =
    settings.fixtureFile === undefined
      ? settings.options.workspace
      : await loadWorkspaceFixture(settings.fixtureFile);
  const emulator = await startEmulator({ ...settings.options, workspace, logger });
  announce(emulator, settings, logger);

  const shutDown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // Nothing else keeps the process alive: once closed, it ends on its own, logs flushed.
    void emulator.close().then(() => logger.info('stopped'));
  };
  process.once('SIGTERM', () => shutDown('SIGTERM'));
  process.once('SIGINT', () => shutDown('SIGINT'));
}

function announce(emulator: Emulator, settings: CliSettings, logger: Logger): void {
  const queues = emulator.workspace.list().map((q) => q.friendlyName);
  const env: Record<string, string> = {
    TWILIO_API_BASE_URL: emulator.baseUrl,
    TWILIO_ACCOUNT_SID: emulator.accountSid,
    ...(settings.inventedToken ? { TWILIO_AUTH_TOKEN: settings.options.authToken } : {}),
    TWILIO_FLEX_WORKSPACE_SID: emulator.workspaceSid,
    // A long list is no use pasted into QUEUES; the app takes its own choice then.
    ...(queues.length <= 10 ? { QUEUES: queues.join(',') } : {}),
  };
  logger.info(
    {
      baseUrl: emulator.baseUrl,
      accountSid: emulator.accountSid,
      workspaceSid: emulator.workspaceSid,
      queues: queues.length,
      workers: emulator.workspace.workers.list().length,
      eventCallbackUrl: emulator.workspace.settings.eventCallbackUrl,
      env,
    },
    'Twilio emulator listening',
  );
  const lines = Object.entries(env).map(([name, value]) => `  ${name}=${value}`);
  const tokenNote = settings.inventedToken
    ? 'The auth token above was invented for this run.'
    : 'TWILIO_AUTH_TOKEN: use the one already set in this environment.';
  process.stdout.write(
    `\nTwilio emulator at ${emulator.baseUrl} (${queues.length} queues, ${emulator.workspace.workers.list().length} workers). Set these for the app:\n\n${lines.join('\n')}\n\n${tokenNote}\n\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (usage || error instanceof EmulatorInputError) {
    process.stderr.write(`${(error as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
    process.exit(2);
  }
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
