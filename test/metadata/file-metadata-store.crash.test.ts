import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  METADATA_FILE_NAME,
  openFileMetadataStore,
} from '../../src/metadata/file-metadata-store.js';
import { LEVEL, captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { seededRandom } from '../support/seeded-random.js';

const ROOT = join(__dirname, '..', '..');
const WRITER = join(ROOT, 'test', 'fixtures', 'metadata-writer.ts');
const KILLS = 20;
const SEED = 20260501;

/**
 * A process saving in a tight loop, killed outright (SIGKILL: no handler, no flush) at a random
 * moment, again and again. What it was told was saved must be there after every kill, and the
 * file must always be whole. (SIGKILL keeps the page cache, so this proves the write is atomic
 * and ordered, not that it survives a power cut: that part rests on the fsyncs.)
 */
describe('the file metadata store when its process is killed mid-write', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'holdline-metadata-crash-'));
  });

  // Only what this test started, by PID, whatever happened to the test.
  afterEach(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const closed = once(child, 'close');
      child.kill('SIGKILL');
      await closed;
    }
    child = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** Starts a writer, lets it save for `ms` after its first save, kills it; its saved versions. */
  async function runAndKill(ms: number): Promise<number[]> {
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, 'vip'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = writer;
    let stdout = '';
    let stderr = '';
    writer.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Start-up (tsx) takes a moment; the bound only matters when the test fails.
    await eventually(
      () => {
        if (writer.exitCode !== null) throw new Error(`writer exited early: ${stderr}`);
        expect(stdout).toContain('\n');
      },
      { withinMs: 20_000, everyMs: 5 },
    );
    await sleep(ms);
    // 'close': the pipes are drained too, so every line it printed is in `stdout`.
    const closed = once(writer, 'close');
    writer.kill('SIGKILL');
    await closed;
    expect(writer.signalCode).toBe('SIGKILL');
    // Whole lines only: a line cut by the kill was not acknowledged.
    return stdout
      .split('\n')
      .slice(0, -1)
      .map((line) => Number(line));
  }

  it(`loses no acknowledged save and never leaves a torn file, over ${KILLS} kills`, async () => {
    const random = seededRandom(SEED);
    let lastSaved = 1;

    for (let kill = 1; kill <= KILLS; kill += 1) {
      const saved = await runAndKill(Math.floor(random() * 150));
      expect(saved.length).toBeGreaterThan(0);
      expect(saved[0]).toBe(lastSaved + 1); // it started from what the previous one left
      lastSaved = saved[saved.length - 1] ?? lastSaved;

      const { logger, lines } = captureLogger();
      const store = await openFileMetadataStore({ dir, logger });
      const current = await store.get('vip');

      const version = current?.version ?? 0;
      const found = `kill ${kill} of ${KILLS} (seed ${SEED}): saved up to ${lastSaved}, found ${version}`;
      expect({ found, errors: lines.filter((line) => line.level >= LEVEL.error) }).toEqual({
        found,
        errors: [],
      });
      // Saved and acknowledged, or saved just before the kill cut its acknowledgement.
      expect({ found, lost: version < lastSaved, beyond: version > lastSaved + 1 }).toEqual({
        found,
        lost: false,
        beyond: false,
      });
      expect(current?.metadata.displayName).toBe(`saved as version ${version}`);
      const text = await readFile(join(dir, METADATA_FILE_NAME), 'utf8');
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      // Opening removed any temporary file the kill left; nothing was moved aside.
      expect(await readdir(dir)).toEqual([METADATA_FILE_NAME]);
      lastSaved = version;
    }
  }, 180_000);
});
