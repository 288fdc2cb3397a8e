import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedAbandonedNumbers } from '../../src/outbound/embedded-abandoned-numbers.js';
import { abandonedNumbersContract } from './abandoned-numbers.contract.js';
import { T0 } from './campaign-fixtures.js';

const HOUR = 3_600_000;

describe('the embedded abandoned-numbers register', () => {
  let dataDir: string;
  let now = T0;
  const clock = { now: () => now };
  const opened: EmbeddedAbandonedNumbers[] = [];

  beforeEach(async () => {
    now = T0;
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-abandoned-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((register) => register.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = async (options: { compactAboveBytes?: number } = {}) => {
    const register = await EmbeddedAbandonedNumbers.open(dataDir, { clock, ...options });
    opened.push(register);
    return register;
  };
  const snapshotFile = () => path.join(dataDir, 'outbound', 'abandoned-numbers.json');

  describe('contract, journaled', () => {
    abandonedNumbersContract(() => open());
  });

  describe('contract, memory only', () => {
    abandonedNumbersContract(() => Promise.resolve(EmbeddedAbandonedNumbers.inMemory()));
  });

  it('a restart finds every abandonment recorded, the latest per number', async () => {
    const first = await open();
    await first.record('+14155550101', T0);
    await first.record('+14155550101', T0 + HOUR);
    await first.record('+14155550102', T0 + 2 * HOUR);
    await first.close();

    const second = await open();

    expect(await second.lastAbandonedAt('+14155550101', T0 + 3 * HOUR)).toBe(T0 + HOUR);
    expect(await second.lastAbandonedAt('+14155550102', T0 + 3 * HOUR)).toBe(T0 + 2 * HOUR);
  });

  it('a restart after 72 hours leaves the forgotten numbers out of its snapshot', async () => {
    const first = await open();
    await first.record('+14155550101', T0);
    await first.record('+14155550102', T0 + 10 * HOUR);
    await first.close();

    now = T0 + 72 * HOUR;
    const second = await open();

    const snapshot = JSON.parse(await readFile(snapshotFile(), 'utf8')) as { state: unknown };
    expect(snapshot.state).toEqual({ '+14155550102': T0 + 10 * HOUR });
    expect(await second.lastAbandonedAt('+14155550102', now)).toBe(T0 + 10 * HOUR);
  });

  it('a journal grown past its size is compacted while running, keeping every number', async () => {
    const register = await open({ compactAboveBytes: 200 });
    for (let i = 0; i < 20; i += 1) await register.record(`+1415555${1000 + i}`, T0 + i);
    await register.close();

    const snapshot = JSON.parse(await readFile(snapshotFile(), 'utf8')) as {
      generation: number;
    };
    expect(snapshot.generation).toBeGreaterThan(0);
    const reopened = await open();
    for (let i = 0; i < 20; i += 1) {
      expect(await reopened.lastAbandonedAt(`+1415555${1000 + i}`, T0 + HOUR)).toBe(T0 + i);
    }
  });
});
