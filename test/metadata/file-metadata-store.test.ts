import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  METADATA_FILE_NAME,
  openFileMetadataStore,
} from '../../src/metadata/file-metadata-store.js';
import { LEVEL, captureLogger } from '../support/capture-logger.js';
import {
  defaultsFrom,
  editedBy,
  madeBy,
  metadataOf,
  metadataStoreContract,
} from './metadata-store.contract.js';

describe('the file metadata store', () => {
  let dir: string;
  const file = () => join(dir, METADATA_FILE_NAME);
  const open = (logger = captureLogger().logger) => openFileMetadataStore({ dir, logger });
  const errorsIn = (lines: ReturnType<typeof captureLogger>['lines']) =>
    lines.filter((line) => line.level === LEVEL.error);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'holdline-metadata-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}-away`, { recursive: true, force: true });
  });

  describe('as a MetadataStore (the contract)', () => {
    metadataStoreContract(() => open());
  });

  it('finds after a restart exactly what it had before', async () => {
    const before = await open();
    await before.reconcile(['vip', 'customers', 'spanish'], defaultsFrom('first').defaults);
    await before.update('vip', editedBy('alice', 'vip'), 1);
    await before.update('vip', editedBy('bob', 'vip'), 2);
    await before.reconcile(['vip', 'customers'], defaultsFrom('second').defaults);

    const after = await open();

    expect(await after.list()).toEqual(await before.list());
    expect(await after.get('vip')).toEqual({ metadata: editedBy('bob', 'vip'), version: 3 });
    expect(await after.get('customers')).toEqual(await before.get('customers'));
    expect(await after.update('vip', editedBy('carol', 'vip'), 3)).toEqual({
      kind: 'saved',
      version: 4,
    });
  });

  it('keeps queue-metadata.json as {format: 1, queues: {name: {version, metadata}}}', async () => {
    const store = await open();
    await store.reconcile(['vip', 'customers'], defaultsFrom('first').defaults);
    await store.update('vip', editedBy('alice', 'vip'), 1);

    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({
      format: 1,
      queues: {
        customers: { version: 1, metadata: madeBy('first', 'customers') },
        vip: { version: 2, metadata: editedBy('alice', 'vip') },
      },
    });
  });

  it('creates a missing data directory, and writes no file before there is something to keep', async () => {
    dir = join(dir, 'nested', 'data');

    const store = await open();
    await store.reconcile([], defaultsFrom('first').defaults);

    expect(await readdir(dir)).toEqual([]);
    await store.reconcile(['vip'], defaultsFrom('first').defaults);
    expect(await readdir(dir)).toEqual([METADATA_FILE_NAME]);
  });

  it('reads an entry written before a setting existed with the default for it', async () => {
    await writeFile(
      file(),
      JSON.stringify({
        format: 1,
        queues: { vip: { version: 4, metadata: { displayName: 'VIP line' } } },
      }),
    );

    const store = await open();

    expect(await store.get('vip')).toEqual({
      metadata: metadataOf('vip', { displayName: 'VIP line' }),
      version: 4,
    });
  });

  it.each([
    ['is not JSON', '{"format":1,"queues":{"vip":{"ver'],
    ['has another format', '{"format":2,"queues":{}}'],
    ['is not an object', '[]'],
    ['is empty', ''],
  ])('when the file %s, moves it aside, logs that, and starts empty', async (_, contents) => {
    await writeFile(file(), contents);
    const { logger, lines } = captureLogger();

    const store = await open(logger);

    expect(await store.list()).toEqual(new Map());
    const names = await readdir(dir);
    expect(names).toEqual([expect.stringMatching(/^queue-metadata\.json\.corrupt-\S+$/)]);
    const movedTo = join(dir, names[0] ?? '');
    expect(await readFile(movedTo, 'utf8')).toBe(contents);
    expect(errorsIn(lines)).toEqual([
      expect.objectContaining({
        msg: expect.stringContaining('cannot read the metadata file') as unknown,
        file: file(),
        movedTo,
      }),
    ]);
    // The next write starts a new file; the bad one stays as it was.
    await store.reconcile(['vip'], defaultsFrom('first').defaults);
    expect(await readFile(movedTo, 'utf8')).toBe(contents);
    await expect((await open()).get('vip')).resolves.toEqual({
      metadata: madeBy('first', 'vip'),
      version: 1,
    });
  });

  it('keeps the readable queues of a file with unreadable ones, moving the original aside', async () => {
    const original = JSON.stringify({
      format: 1,
      queues: {
        vip: { version: 2, metadata: editedBy('alice', 'vip') },
        broken: { version: 3, metadata: { displayName: 42 } },
        unversioned: { metadata: madeBy('first', 'unversioned') },
      },
    });
    await writeFile(file(), original);
    const { logger, lines } = captureLogger();

    const store = await open(logger);

    expect(await store.list()).toEqual(new Map([['vip', editedBy('alice', 'vip')]]));
    const aside = (await readdir(dir)).filter((name) => name.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0] ?? ''), 'utf8')).toBe(original);
    expect(errorsIn(lines)).toEqual([
      expect.objectContaining({ file: file(), queues: ['broken', 'unversioned'] }),
    ]);
    // What memory holds is what the file holds, from the start.
    expect(await (await open()).list()).toEqual(await store.list());
  });

  it('removes the temporary files of a write cut short, keeping the file it was to replace', async () => {
    const store = await open();
    await store.reconcile(['vip'], defaultsFrom('first').defaults);
    const leftover = join(dir, `${METADATA_FILE_NAME}.4242.0a1b2c3d4e5f.tmp`);
    await writeFile(leftover, '{"format":1,"queues":{"vi');
    const { logger, lines } = captureLogger();

    const reopened = await open(logger);

    expect(await readdir(dir)).toEqual([METADATA_FILE_NAME]);
    expect(await reopened.get('vip')).toEqual({ metadata: madeBy('first', 'vip'), version: 1 });
    expect(errorsIn(lines)).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: LEVEL.warn,
        leftovers: [`${METADATA_FILE_NAME}.4242.0a1b2c3d4e5f.tmp`],
      }),
    );
  });

  it('writes concurrent changes one after the other, losing none', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `queue-${i}`);
    const store = await open();
    await store.reconcile(names, defaultsFrom('first').defaults);

    const outcomes = await Promise.all(
      names.map((name) => store.update(name, editedBy('alice', name), 1)),
    );

    expect(outcomes).toEqual(names.map(() => ({ kind: 'saved', version: 2 })));
    expect(await (await open()).list()).toEqual(
      new Map(names.map((name) => [name, editedBy('alice', name)])),
    );
  });

  // Works as root too (a read-only directory would not stop root): the directory vanishes.
  it('when the write fails, rejects the update and keeps answering what the disk has', async () => {
    const store = await open();
    await store.reconcile(['vip'], defaultsFrom('first').defaults);
    await store.update('vip', editedBy('alice', 'vip'), 1);
    await rename(dir, `${dir}-away`);

    await expect(store.update('vip', editedBy('bob', 'vip'), 2)).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await expect(store.reconcile([], defaultsFrom('second').defaults)).rejects.toMatchObject({
      code: 'ENOENT',
    });

    expect(await store.get('vip')).toEqual({ metadata: editedBy('alice', 'vip'), version: 2 });
    expect(await store.list()).toEqual(new Map([['vip', editedBy('alice', 'vip')]]));
    await rename(`${dir}-away`, dir);
    expect(await store.update('vip', editedBy('bob', 'vip'), 2)).toEqual({
      kind: 'saved',
      version: 3,
    });
    expect(await (await open()).get('vip')).toEqual({
      metadata: editedBy('bob', 'vip'),
      version: 3,
    });
  });

  it('when the file cannot be replaced, rejects the update and leaves no temporary file', async () => {
    const store = await open();
    await store.reconcile(['vip'], defaultsFrom('first').defaults);
    // Renaming a file over a directory fails for root as well.
    await rm(file());
    await mkdir(file());

    await expect(store.update('vip', editedBy('bob', 'vip'), 1)).rejects.toMatchObject({
      code: 'EISDIR',
    });

    expect(await store.get('vip')).toEqual({ metadata: madeBy('first', 'vip'), version: 1 });
    expect(await readdir(dir)).toEqual([METADATA_FILE_NAME]);
  });
});
