import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../clock.js';
import { createLogger } from '../logger.js';
import { resolveEmulatorOptions, type StartEmulatorOptions } from './emulator-options.js';
import { realTimeScheduler } from './call-scheduler.js';
import { callEventData, callEventType } from './event-streams-calls.js';
import { createEventStreamsState, type EventStreamsState } from './event-streams-state.js';
import { createCallState, type EmulatorCalls } from './call-state.js';
import { createEmulatorVoice, type EmulatorVoice } from './emulator-voice.js';
import { TwimlPlayer } from './twiml-player.js';
import { createEmulatorApp } from './emulator-app.js';
import { createEventDelivery, type EventDelivery } from './event-delivery.js';
import { createFaultController, type FaultController } from './faults.js';
import { createRequestLog, type RequestLog } from './request-log.js';
import { createStudioState, type EmulatorStudio } from './studio-state.js';
import { createMessageState, type EmulatorMessages } from './message-state.js';
import { createRecordingState, type EmulatorRecordings } from './recording-state.js';
import { deriveSid } from './sids.js';
import { createWorkerWriteTally, type WorkerWriteCounts } from './worker-write-tally.js';
import { createWorkspaceState, type EmulatorWorkspace } from './workspace-state.js';

export type { StartEmulatorOptions } from './emulator-options.js';
export type { EmulatorWorkspace } from './workspace-state.js';
export type { WorkerWriteCounts } from './worker-write-tally.js';
export type { FaultOptionsInput, ScriptedFaultInput } from './fault-options.js';
export type { EmulatorCalls } from './call-state.js';
export type { EmulatorVoice } from './emulator-voice.js';
export type { QueueVisit } from './queue-calls.js';
export type { CallOptionsInput } from './call-options.js';
export type { CallScheduler } from './call-scheduler.js';
export type { EmulatorMessages } from './message-state.js';
export type { EmulatorRecordings } from './recording-state.js';
export type { CallerScript } from './caller-script.js';

export type EmulatorEventStreams = Omit<
  EventStreamsState,
  'publish' | 'createSink' | 'createSubscription'
>;
export type EmulatorFaults = Omit<FaultController, 'decide'>;
export type EmulatorRequestLog = Pick<RequestLog, 'entries' | 'counters' | 'count'>;
export type EmulatorEvents = Omit<EventDelivery, 'emit' | 'close'>;

/** A running emulator: Twilio's REST API for one account and one workspace, on loopback. */
export interface Emulator {
  /** e.g. http://127.0.0.1:43567, for TWILIO_API_BASE_URL. */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly workspaceSid: string;
  readonly workspace: EmulatorWorkspace;
  readonly faults: EmulatorFaults;
  readonly requests: EmulatorRequestLog;
  clearRequests(): void;
  /** TaskRouter events: what was sent where, duplicates, redeliveries, a wait until sent. */
  readonly events: EmulatorEvents;
  /** The Worker updates the emulator was sent (POST …/Workers/{WK}), by outcome. */
  readonly workerWrites: WorkerWriteCounts;
  clearWorkerWrites(): void;
  /** Outbound calls: each call, the CPS tally, scripted outcomes, create faults, waits. */
  readonly calls: EmulatorCalls;
  /** Event Streams: sinks, subscriptions, each delivery made, and delivery options. */
  readonly eventStreams: EmulatorEventStreams;
  /** Calls into the app and queue visits; undefined unless `calls.playTwiml`. */
  readonly voice: EmulatorVoice | undefined;
  /** Studio Flow executions (each runs the template flow on the calls above), create faults. */
  readonly studio: EmulatorStudio;
  /** SMS: messages created, their status callbacks, Twilio's own STOP blocks, inbound replies. */
  readonly messages: EmulatorMessages;
  /** What <Record> recorded (with `calls.playTwiml`), and the callbacks each sent. */
  readonly recordings: EmulatorRecordings;
  /** Stops listening and closes every connection, keep-alive ones and held requests too. */
  close(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions): Promise<Emulator> {
  const resolved = resolveEmulatorOptions(options);
  const { accountSid, fixture } = resolved;
  const workspaceSid =
    resolved.workspaceSid ?? fixture.workspaceSid ?? deriveSid('WS', accountSid, fixture.seed);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: 'silent' });
  // The state tells the delivery of every change made after the start; the delivery reads the
  // Workspace's settings (its callback URL and filter) when an event happens.
  const events = createEventDelivery({
    accountSid,
    authToken: resolved.authToken,
    workspaceSid,
    settings: () => workspace.settings,
    clock,
    logger,
    options: resolved.eventDelivery,
  });
  const workspace = createWorkspaceState({
    accountSid,
    workspaceSid,
    fixture,
    clock,
    emit: (event) => events.emit(event),
    eventCallbackUrl: resolved.eventCallbackUrl,
  });
  const workerWrites = createWorkerWriteTally();
  const faults = createFaultController({ initial: options.faults });
  const log = createRequestLog({ limit: resolved.requestLogLimit });
  const abort = new AbortController();
  // Each webhook in flight listens on this signal while it runs (abortable-fetch.ts): at 100
  // calls a second, hundreds at once are normal, not a leak.
  setMaxListeners(0, abort.signal);
  const scheduler = options.calls?.scheduler ?? realTimeScheduler;
  let baseUrl = '';
  // RecordingUrl is Twilio's API host, as the app sees it in production (its client moves it
  // onto TWILIO_API_BASE_URL); with linkBase 'self' the emulator's own, handy with curl.
  const apiBase = () => (resolved.linkBase === 'self' ? baseUrl : TWILIO_API);
  const recordings = createRecordingState({
    accountSid,
    authToken: resolved.authToken,
    scheduler,
    apiBase,
    signal: abort.signal,
  });
  const eventStreams = createEventStreamsState({
    accountSid,
    authToken: resolved.authToken,
    clock: scheduler,
    signal: abort.signal,
  });
  const player = resolved.calls.playTwiml
    ? new TwimlPlayer({
        authToken: resolved.authToken,
        scheduler,
        signal: abort.signal,
        recordings,
        queueSid: (name) =>
          workspace.get(name)?.voiceQueueSid ?? deriveSid('QU', accountSid, 'queue', name),
      })
    : undefined;
  const voice =
    player === undefined
      ? undefined
      : createEmulatorVoice({ accountSid, scheduler, player, signal: abort.signal });
  const calls = createCallState({
    accountSid,
    authToken: resolved.authToken,
    options: resolved.calls,
    scheduler,
    player,
    progressed: (call, event, request) =>
      eventStreams.publish(callEventType(event), callEventData(call, request, scheduler.now())),
  });
  const studio = createStudioState({
    accountSid,
    calls,
    scheduler,
    options: resolved.calls,
    bearerToken: resolved.studio.bearerToken,
    signal: abort.signal,
  });
  const messages = createMessageState({
    accountSid,
    authToken: resolved.authToken,
    scheduler,
    signal: abort.signal,
  });

  const app = createEmulatorApp({
    authToken: resolved.authToken,
    workspace,
    faults,
    log,
    events,
    workerWrites,
    calls,
    eventStreams,
    studio,
    messages,
    recordings,
    apiBase,
    logger,
    baseUrl: () => baseUrl,
    linkBase: resolved.linkBase,
    signal: abort.signal,
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${urlHost(resolved.host)}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    baseUrl,
    accountSid,
    workspaceSid,
    workspace,
    faults,
    requests: log,
    clearRequests: () => log.clear(),
    events,
    get workerWrites() {
      return workerWrites.counts;
    },
    clearWorkerWrites: () => workerWrites.clear(),
    calls,
    eventStreams,
    voice,
    studio,
    messages,
    recordings,
    close() {
      closed ??= new Promise<void>((resolve) => {
        abort.abort();
        studio.close();
        calls.close();
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

const TWILIO_API = 'https://api.twilio.com';

/** How the listening host goes into a URL: a wildcard is reached on loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
