import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The entry files as a user runs them, as real processes on loopback. */
const ROOT = path.resolve(__dirname, '../..');

export interface RunningProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  readonly exited: Promise<number | null>;
}

/** Starting node itself (not the tsx wrapper) makes the child's PID the program's own. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

/** Kills by PID what a test started, if it still runs (also when the test failed). */
export function killIfRunning(
  process: RunningProcess | undefined,
  signal: NodeJS.Signals = 'SIGKILL',
): void {
  if (
    process !== undefined &&
    process.child.exitCode === null &&
    process.child.signalCode === null
  ) {
    process.child.kill(signal);
  }
}

export async function waitFor(
  predicate: () => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export { findFreePort } from '../../src/sim/free-port.js';

/**
 * A scratch folder made before each test and removed after it, and the processes the test
 * started there killed if they still run: the set-up every process test needs.
 */
export function useScratch(prefix: string): {
  dir(): string;
  /** Hands back `running`, to be killed after the test if it has not exited. */
  started(running: RunningProcess): RunningProcess;
} {
  let dir = '';
  let processes: RunningProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterEach(async () => {
    for (const running of processes) killIfRunning(running);
    processes = [];
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    started(running) {
      processes.push(running);
      return running;
    },
  };
}
