import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server under test, in its own process so it has a core to itself and no shared heap. */
export interface ChildServer {
  readonly name: string;
  readonly baseUrl: string;
  readonly pid: number | undefined;
  /** SIGTERM by PID; resolves once the process has exited (SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** SIGKILL by PID, as a crash would end it: no shutdown code runs. Resolves once it exited. */
  kill(): Promise<void>;
}

const STDERR_TAIL_BYTES = 8_192;
const READY_POLL_MS = 100;
// Longer than holdline's own shutdown grace (10 s), so it always gets to exit by itself.
const STOP_GRACE_MS = 12_000;

export async function startChildServer(options: {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  readyPath: string;
  readyTimeoutMs: number;
}): Promise<ChildServer> {
  // stdout is discarded, not piped: at saturation the log stream is megabytes a second, and a
  // pipe into this process would make the parent (which also runs the load) the bottleneck.
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
  });
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `exited with ${signal ?? `code ${String(code)}`}`;
      resolve();
    });
  });
  child.once('error', (error) => {
    exitReason = `could not be started: ${error.message}`;
  });

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: ChildServer = {
    name: options.name,
    baseUrl,
    pid: child.pid,
    stop: () => stopChild(child, exited),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  const failure = (why: string) =>
    new Error(`${options.name} server ${why}.\n--- its stderr ---\n${stderrTail || '(empty)'}`);

  const deadline = Date.now() + options.readyTimeoutMs;
  for (;;) {
    if (exitReason !== undefined) throw failure(exitReason);
    if (await answers(baseUrl + options.readyPath)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw failure(`did not answer GET ${options.readyPath} within ${options.readyTimeoutMs} ms`);
    }
    await sleep(READY_POLL_MS);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false; // not listening yet
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const alreadyGone = child.exitCode !== null || child.signalCode !== null;
  if (alreadyGone || child.pid === undefined) return;
  child.kill('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS, false)]);
  if (!gone) {
    child.kill('SIGKILL');
    await exited;
  }
}
