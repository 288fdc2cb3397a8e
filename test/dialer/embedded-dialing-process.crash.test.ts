import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import type { CampaignSettings } from '../../src/outbound/campaign.js';
import type { Contact } from '../../src/outbound/contact.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { startDialerProcess, type DialerProcess } from '../../src/sim/dialer-process.js';
import type { DialerSettings } from '../../src/sim/dialer-settings.js';
import { findFreePort } from '../../src/sim/free-port.js';
import { execution } from '../outbound/campaign-fixtures.js';
import { eventually } from '../support/eventually.js';
import { AUTH_TOKEN } from '../support/test-app.js';

const QUEUE = 'outbound-sales';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const API_TOKEN = 'embedded-crash-test-api-token';
const CAMPAIGN = 'CE-embedded-crash';
const ALL_DAY = { start: '00:00', end: '24:00' };
const SETTINGS: DialerSettings = {
  consumer: 'embedded',
  repsFree: 4,
  leaseMs: 1_000,
  runner: { tickMs: 20, graceMs: 500, liveLimitMs: 2_000, throttledMinMs: 20, throttledMaxMs: 100 },
  service: { adoptEveryMs: 200, claimAfterMs: 500 },
};

function contactsOf(prefix: string, n: number): Contact[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `k${i + 1}`,
    phone: `+1415${prefix}${String(i).padStart(4, '0')}`,
  }));
}

/**
 * Embedded mode's one process (store journaled under DATA_DIR, web app, dialing), killed with
 * SIGKILL and started again on the same DATA_DIR: whatever it was doing, each contact is called
 * once per attempt and ends with one final disposition, and the campaign completes once. The
 * emulator runs in this process; its own list of calls is what the store is checked against.
 */
describe('an embedded dialing process that dies', () => {
  let emulator: Emulator;
  let dataDir: string;
  let env: Record<string, string>;
  let baseUrl: string;
  const processes: DialerProcess[] = [];
  jest.setTimeout(90_000);

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-embedded-crash-'));
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    emulator = await startEmulator({
      accountSid: ACCOUNT,
      authToken: AUTH_TOKEN,
      workspace: { queueNames: [QUEUE], seed: 1 },
      calls: {
        callsPerSecond: 50,
        outcomes: { busy: 1 },
        ringMs: { minMs: 10, maxMs: 30 },
        seed: 5,
      },
    });
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      API_TOKEN,
      TWILIO_ACCOUNT_SID: ACCOUNT,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_BASE_URL: emulator.baseUrl,
      TWILIO_SERVICE_MAX_REQUESTS_PER_SECOND: '100',
      QUEUES: QUEUE,
      OUTBOUND_ACCOUNT_CPS: '50',
      LOG_LEVEL: 'info',
    };
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function createCampaign(contacts: Contact[], settings: Partial<CampaignSettings>) {
    const store = await EmbeddedCampaignStore.open(dataDir);
    await store.create(execution(CAMPAIGN, { callingWindow: ALL_DAY, ...settings }), contacts);
    await store.close();
  }

  async function start(extraEnv: Record<string, string> = {}): Promise<DialerProcess> {
    const started = await startDialerProcess({ ...env, ...extraEnv }, SETTINGS, {
      program: 'embedded',
    });
    processes.push(started);
    return started;
  }

  async function api(method: 'GET' | 'POST', route: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${baseUrl}/api${route}`, {
      method,
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  }

  const untilComplete = () =>
    eventually(
      async () => expect((await api('GET', `/campaigns/${CAMPAIGN}`)).status).toBe('complete'),
      { withinMs: 45_000, everyMs: 100 },
    );

  /** Stops the last process cleanly and reads the store as it left it. */
  async function finalState(last: DialerProcess) {
    await last.stop();
    const store = await EmbeddedCampaignStore.open(dataDir);
    try {
      return {
        dispositions: await store.dispositions(CAMPAIGN),
        events: (await store.queueEvents(CAMPAIGN)).map((e) => e.event),
        active: await store.active(CAMPAIGN),
      };
    } finally {
      await store.close();
    }
  }

  /** The store against the emulator's own list: one call per attempt, none lost, none extra. */
  function expectEachContactDialedPerAttempt(
    contacts: Contact[],
    maxAttempts: number,
    state: Awaited<ReturnType<typeof finalState>>,
  ) {
    const calls = emulator.calls.list();
    const callsTo = new Map<string, string[]>();
    for (const call of calls) {
      callsTo.set(call.request.to, [...(callsTo.get(call.request.to) ?? []), call.sid]);
    }
    expect(state.active).toEqual([]);
    for (const contact of contacts) {
      const mine = state.dispositions.filter((d) => d.contactId === contact.id);
      expect({ contact: contact.id, finals: mine.filter((d) => d.final).length }).toEqual({
        contact: contact.id,
        finals: 1,
      });
      expect(mine.length).toBeLessThanOrEqual(maxAttempts);
      expect(mine.map((d) => d.attempt)).toEqual(mine.map((_, i) => i + 1));
      // Every call Twilio placed to the number is one of its attempts', and each attempt had one.
      expect({ contact: contact.id, calls: (callsTo.get(contact.phone) ?? []).sort() }).toEqual({
        contact: contact.id,
        calls: mine.map((d) => d.callSid).sort(),
      });
    }
    expect(calls).toHaveLength(state.dispositions.length);
    expect(state.events).toEqual(['started', 'complete']);
  }

  it('killed with creates in flight (their attempts journaled dialing, no answer yet), the restart reconciles them: one call per attempt, complete once', async () => {
    const contacts = contactsOf('555', 6);
    await createCampaign(contacts, { maxAttempts: 1 });
    const release = emulator.calls.faults.holdCreates();
    const first = await start();
    await api('POST', `/campaigns/${CAMPAIGN}/start`);

    // A create in the emulator's hands can only have been sent after its `dialing` was durable.
    await eventually(() => expect(emulator.calls.inFlight).toBeGreaterThanOrEqual(1));
    const held = emulator.calls.inFlight;
    await first.kill();
    // Twilio goes on with creates whose client is gone: the calls exist, their answers are
    // lost, and their callbacks go to a process that is down: only reconciliation can tell.
    release();
    await eventually(() => expect(emulator.calls.list()).toHaveLength(held));
    await eventually(
      () => expect(emulator.calls.list().every((c) => c.webhooks.length === 3)).toBe(true),
      { withinMs: 10_000 },
    );

    const second = await start();
    await untilComplete();
    const state = await finalState(second);
    expectEachContactDialedPerAttempt(contacts, 1, state);
    expect(state.dispositions.every((d) => d.outcome === 'busy')).toBe(true);
  });

  it('killed again and again while its journal takes a burst of appends (some creates losing their answer), loses nothing and dials nothing twice', async () => {
    const contacts = contactsOf('556', 40);
    // Busy, retried at once: every contact takes two attempts, so retries cross the crashes too.
    await createCampaign(contacts, { maxAttempts: 2, retryDelaySeconds: 0 });
    // Some creates lose their answer too: those attempts go `unknown` and are reconciled.
    emulator.calls.faults.setShares({ lostAnswerShare: 0.15 });
    const journal = path.join(dataDir, 'outbound', 'journal.jsonl');
    let running = await start();
    await api('POST', `/campaigns/${CAMPAIGN}/start`);

    for (let crash = 0; crash < 3; crash += 1) {
      // Started again, the process compacted the journal to its first line: kill it once the
      // dialing has written a few kilobytes more, in the middle of whatever it was appending.
      await eventually(async () => expect((await stat(journal)).size).toBeGreaterThan(4_000), {
        withinMs: 20_000,
        everyMs: 2,
      });
      await running.kill();
      running = await start();
    }
    await untilComplete();
    const state = await finalState(running);
    expectEachContactDialedPerAttempt(contacts, 2, state);
  });

  it('killed again and again while it compacts its journal as it runs, loses nothing and dials nothing twice', async () => {
    const contacts = contactsOf('557', 40);
    await createCampaign(contacts, { maxAttempts: 2, retryDelaySeconds: 0 });
    const outbound = path.join(dataDir, 'outbound');
    const generation = async () =>
      (
        JSON.parse(await readFile(path.join(outbound, 'snapshot.json'), 'utf8')) as {
          generation: number;
        }
      ).generation;
    // Compacted whenever the journal outgrows the snapshot: every few dozen changes.
    const compactOften = { DIALER_COMPACT_ABOVE_BYTES: '1' };
    let running = await start(compactOften);
    await api('POST', `/campaigns/${CAMPAIGN}/start`);

    for (let crash = 0; crash < 3; crash += 1) {
      const from = await generation().catch(() => 0);
      // Killed as a compaction's write is seen in progress, or else after two more compactions.
      await eventually(
        async () => {
          const writing = (await readdir(outbound)).some((name) => name.endsWith('.tmp'));
          if (!writing) expect(await generation()).toBeGreaterThanOrEqual(from + 2);
        },
        { withinMs: 20_000, everyMs: 1 },
      );
      await running.kill();
      running = await start(compactOften);
    }
    await untilComplete();
    const state = await finalState(running);
    expectEachContactDialedPerAttempt(contacts, 2, state);
  });
});
