import { spawn } from 'node:child_process';
import path from 'node:path';
import { DIALER_READY, dialerSettingsEnv, type DialerSettings } from './dialer-settings.js';

const ROOT = path.resolve(__dirname, '..', '..');
const OUTPUT_TAIL = 16_384;

/** One run of the dialing process (dialer-cli.ts). */
export interface DialerProcess {
  readonly pid: number | undefined;
  /** The last of what it wrote, stdout and stderr together. */
  output(): string;
  /** SIGKILL by PID: no shutdown code runs, as in a crash. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM by PID: it stops its runners and releases its leases. */
  stop(): Promise<void>;
}

/** The Redis-mode worker's dialing (dialer-cli.ts), or embedded mode's (embedded-dialer-cli.ts). */
export type DialerProgram = 'redis' | 'embedded';

const PROGRAMS: Record<DialerProgram, string> = {
  redis: 'src/sim/dialer-cli.ts',
  embedded: 'src/sim/embedded-dialer-cli.ts',
};

/**
 * Starts the dialing process with the app's variables in `env` (REDIS_URL, REDIS_KEY_PREFIX or
 * DATA_DIR, TWILIO_*, PUBLIC_BASE_URL, QUEUES, OUTBOUND_*) and its own settings; resolves once it
 * follows the control stream. Node itself is started (not the tsx wrapper), so its PID is the
 * program's.
 */
export function startDialerProcess(
  env: Record<string, string>,
  settings: DialerSettings,
  {
    program = 'redis',
    readyTimeoutMs = 30_000,
  }: { program?: DialerProgram; readyTimeoutMs?: number } = {},
): Promise<DialerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', PROGRAMS[program]], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, ...dialerSettingsEnv(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const end = async (signal: NodeJS.Signals) => {
    if (running()) child.kill(signal);
    await exited;
  };
  const handle: DialerProcess = {
    pid: child.pid,
    output: () => tail,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void handle.kill();
      reject(new Error(`the dialing process was not ready in ${readyTimeoutMs} ms:\n${tail}`));
    }, readyTimeoutMs);
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (!ready && tail.includes(DIALER_READY)) {
        ready = true;
        clearTimeout(timer);
        resolve(handle);
      }
    });
    child.stderr.on('data', keep);
    void exited.then(() => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`the dialing process exited before it was ready:\n${tail}`));
    });
  });
}
