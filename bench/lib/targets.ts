import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startChildServer, type ChildServer } from './child-server.js';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process.js';
import { findFreePort } from '../../src/sim/free-port.js';
import { buildWaitRequest, type WaitRequest } from './wait-request.js';

/** A server under test and the signed wait request it is loaded with. */
export interface Target {
  readonly server: ChildServer;
  readonly request: WaitRequest;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const READY_TIMEOUT_MS = 30_000;
// Any well-formed SID passes config validation; nothing here talks to Twilio.
const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

/**
 * bench/bare-server.ts in its own node process. It runs through tsx's loader; that costs only
 * at start-up here, since all its per-request code is Express's own plain JavaScript.
 * `server: 'holdline'` serves it on holdline's HTTP server (src/http/app-server.ts) instead of
 * app.listen's.
 */
export async function startBare(
  options: { name: string; server: 'app.listen' | 'holdline' } = {
    name: 'bare',
    server: 'app.listen',
  },
): Promise<Target> {
  const port = await findFreePort();
  const server = await startChildServer({
    name: options.name,
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/bare-server.ts'],
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ...(options.server === 'holdline' ? { BARE_SERVER: 'holdline' } : {}),
    },
    port,
    readyPath: '/healthz',
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  // The same signed body holdline gets: the bare handler ignores it, but receives the bytes.
  const request = buildWaitRequest({
    accountSid: ACCOUNT_SID,
    authToken: randomBytes(16).toString('hex'),
    publicBaseUrl: server.baseUrl,
  });
  return { server, request };
}

/**
 * Compiles src/ to dist/ as a deployment does (npm run build). The benchmark runs that output,
 * as the Procfile does: under tsx every one of our functions would carry a naming wrapper that
 * production code does not, which is measurable at this scale.
 */
export function buildHoldline(): void {
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed:\n${result.stderr || String(result.error)}`);
  }
}

/**
 * holdline as deployed in one process: the compiled server, production mode (credentials set,
 * so signatures are checked), the in-memory stats store, logging at its default level, and its
 * stats poller, which reads "Twilio" from the emulator in a process of its own (loopback only).
 */
export async function startHoldline(): Promise<Target & { emulator: EmulatorProcess }> {
  const port = await findFreePort();
  const authToken = randomBytes(16).toString('hex');
  const publicBaseUrl = `http://127.0.0.1:${port}`;
  const emulator = await startEmulatorProcess({
    accountSid: ACCOUNT_SID,
    authToken,
    queues: ['premium-customers', 'customers'],
    seed: 1,
  });
  const server = await startChildServer({
    name: 'holdline',
    command: process.execPath,
    args: ['dist/server.js'],
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      PUBLIC_BASE_URL: publicBaseUrl,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_API_BASE_URL: emulator.baseUrl,
      TWILIO_FLEX_WORKSPACE_SID: emulator.workspaceSid,
      LOG_LEVEL: 'info',
    },
    port,
    readyPath: '/healthz',
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  return {
    server,
    emulator,
    request: buildWaitRequest({ accountSid: ACCOUNT_SID, authToken, publicBaseUrl }),
  };
}
