import { USAGE, UsageError, parseCliArgs } from '../../src/emulator/cli-options.js';
import {
  killIfRunning,
  runScript,
  waitFor,
  type RunningProcess,
} from '../support/child-processes.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const fakeHex = (bytes: number) => 'f'.repeat(bytes * 2);

describe('npm run emulator', () => {
  describe('its flags', () => {
    it('runs holdline’s two queues on port 4010 with Twilio links and no faults by default', () => {
      const settings = parseCliArgs(
        [],
        { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'secret' },
        fakeHex,
      );

      expect(settings).toEqual({
        options: {
          accountSid: SID,
          authToken: 'secret',
          workspaceSid: undefined,
          workspace: { seed: 1, queueNames: undefined, queueCount: undefined },
          port: 4010,
          host: '127.0.0.1',
          linkBase: 'twilio',
          faults: {
            latency: undefined,
            rateLimit: undefined,
            serverErrorShare: 0,
            dropShare: 0,
            malformedShare: 0,
            pathPattern: undefined,
            seed: 1,
          },
        },
        fixtureFile: undefined,
        logLevel: 'info',
        inventedToken: false,
        help: false,
      });
    });

    it('invents the credentials it is not given, and says the token is invented', () => {
      const settings = parseCliArgs([], { TWILIO_AUTH_TOKEN: '  ' }, fakeHex);

      expect(settings.options.accountSid).toBe(`AC${'f'.repeat(32)}`);
      expect(settings.options.authToken).toBe('f'.repeat(32));
      expect(settings.inventedToken).toBe(true);
    });

    it('turns the fault flags into fault options', () => {
      const { options } = parseCliArgs(
        [
          '--latency=20',
          '--jitter=10',
          '--rate-limit=2.5',
          '--burst=3',
          '--no-retry-after',
          '--error-share=0.1',
          '--drop-share=0.05',
          '--malformed-share=0.01',
          '--fault-paths=Statistics',
          '--fault-seed=9',
        ],
        {},
        fakeHex,
      );

      expect(options.faults).toEqual({
        latency: { fixedMs: 20, jitterMs: 10 },
        rateLimit: { requestsPerSecond: 2.5, burst: 3, retryAfter: false },
        serverErrorShare: 0.1,
        dropShare: 0.05,
        malformedShare: 0.01,
        pathPattern: 'Statistics',
        seed: 9,
      });
    });

    it('takes queues, names, a seed, a workspace SID, a port and a link base', () => {
      const { options } = parseCliArgs(
        [
          '--queues',
          '5',
          '--queue-names',
          'vip, general',
          '--seed',
          '3',
          '--workspace-sid',
          `WS${'2'.repeat(32)}`,
          '--port',
          '0',
          '--link-base',
          'self',
        ],
        {},
        fakeHex,
      );

      expect(options).toMatchObject({
        workspace: { seed: 3, queueNames: ['vip', 'general'], queueCount: 5 },
        workspaceSid: `WS${'2'.repeat(32)}`,
        port: 0,
        linkBase: 'self',
      });
    });

    it('takes workers, an event callback URL and a write rate limit', () => {
      const { options } = parseCliArgs(
        [
          '--workers',
          '40',
          '--event-callback-url',
          'http://127.0.0.1:3000/taskrouter/events',
          '--write-rate-limit',
          '5',
          '--write-burst',
          '2',
        ],
        {},
        fakeHex,
      );

      expect(options).toMatchObject({
        workspace: { workerCount: 40 },
        eventCallbackUrl: 'http://127.0.0.1:3000/taskrouter/events',
        faults: { writeRateLimit: { requestsPerSecond: 5, burst: 2, retryAfter: true } },
      });
      expect(options.faults?.rateLimit).toBeUndefined();
    });

    it.each([
      [['--fixture', 'a.json', '--queues', '3'], /--fixture cannot be combined/],
      [['--queues', 'many'], /--queues must be a whole number/],
      [['--link-base', 'elsewhere'], /--link-base must be twilio or self/],
      [['--burst', '3'], /need --rate-limit/],
      [['--write-burst', '3'], /--write-burst needs --write-rate-limit/],
      [['--fixture', 'a.json', '--workers', '3'], /--fixture cannot be combined with --workers/],
      [['--error-share', 'lots'], /--error-share must be a number/],
    ])('refuses %j', (argv, message) => {
      expect(() => parseCliArgs(argv, {}, fakeHex)).toThrow(UsageError);
      expect(() => parseCliArgs(argv, {}, fakeHex)).toThrow(message);
    });

    it('documents every flag it takes in its usage text', () => {
      for (const flag of [
        '--queues',
        '--queue-names',
        '--fixture',
        '--seed',
        '--port',
        '--latency',
        '--rate-limit',
        '--no-retry-after',
        '--error-share',
        '--drop-share',
        '--malformed-share',
        '--fault-paths',
        '--workers',
        '--event-callback-url',
        '--write-rate-limit',
        '--write-burst',
      ]) {
        expect(USAGE).toContain(flag);
      }
    });
  });

  describe('as a process', () => {
    jest.setTimeout(30_000);
    let running: RunningProcess | undefined;
    afterEach(() => killIfRunning(running));

    function run(args: string[], env: Record<string, string>) {
      running = runScript('src/emulator/cli.ts', args, env);
      return { ...running, process: running.child };
    }

    it('prints what to set for the app, never a token it was given, serves, and stops on SIGTERM', async () => {
      const cli = run(['--port', '0', '--queues', '3'], {
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: 'given-secret',
      });
      // The banner and the JSON log line come on two pipes, in no fixed order: wait for both.
      await waitFor(
        () =>
          cli.output().includes('TWILIO_FLEX_WORKSPACE_SID=') &&
          cli.output().includes('"msg":"Twilio emulator listening"'),
        'the emulator to start',
      );

      const baseUrl = /TWILIO_API_BASE_URL=(\S+)/.exec(cli.output())?.[1] ?? '';
      const workspaceSid =
        /TWILIO_FLEX_WORKSPACE_SID=(WS[0-9a-f]{32})/.exec(cli.output())?.[1] ?? '';
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.output()).toContain(`TWILIO_ACCOUNT_SID=${SID}`);
      expect(cli.output()).toContain('QUEUES=premium-customers,customers,queue-0003');
      expect(cli.output()).toContain('"msg":"Twilio emulator listening"');
      expect(cli.output()).not.toContain('given-secret');

      const response = await fetch(`${baseUrl}/v1/Workspaces/${workspaceSid}/TaskQueues`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${SID}:given-secret`).toString('base64')}`,
        },
      });
      expect(response.status).toBe(200);

      cli.process.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain('"msg":"stopped"');
    });

    it('prints a token it invented', async () => {
      const cli = run(['--port', '0'], {});
      await waitFor(
        () => cli.output().includes('TWILIO_FLEX_WORKSPACE_SID='),
        'the emulator to start',
      );

      expect(cli.output()).toMatch(/TWILIO_AUTH_TOKEN=[0-9a-f]{32}/);

      cli.process.kill('SIGINT');
      expect(await cli.exited).toBe(0);
    });

    it('exits with code 2 and names the problem for a bad flag', async () => {
      const cli = run(['--queues', 'many'], {});

      expect(await cli.exited).toBe(2);
      expect(cli.output()).toContain('--queues must be a whole number');
    });
  });
});
