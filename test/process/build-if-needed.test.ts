import { spawn } from 'node:child_process';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm start` and its prestart (scripts/build-if-needed.mjs) in a scratch copy of the project:
 * the real package.json and script, a two-file src/, and a node_modules/ that holds TypeScript
 * only when a test says so (`npm ci --omit=dev` leaves it out).
 */
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../..');
const OLD = new Date('2026-01-01T00:00:00Z');
const NEW = new Date('2026-02-01T00:00:00Z');

function run(command: string, args: string[], cwd: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const prestart = (cwd: string) => run(process.execPath, ['scripts/build-if-needed.mjs'], cwd);

describe('npm start and its build-if-needed prestart', () => {
  let project: string;

  const write = async (file: string, text: string, mtime: Date) => {
    await mkdir(path.dirname(path.join(project, file)), { recursive: true });
    await writeFile(path.join(project, file), text);
    await utimes(path.join(project, file), mtime, mtime);
  };
  const writeSources = async (mtime: Date) => {
    await write('src/server.ts', "export const entry: string = 'server';\n", mtime);
    await write('src/worker.ts', "export const entry: string = 'worker';\n", mtime);
  };
  /** A dist/ as a build left it; each entry says it ran, so a test sees which one started. */
  const writeDist = async (mtime: Date) => {
    await write('dist/server.js', "process.stdout.write('dist/server.js ran\\n');\n", mtime);
    await write('dist/worker.js', "process.stdout.write('dist/worker.js ran\\n');\n", mtime);
  };
  const installTypeScript = () =>
    symlink(
      path.join(ROOT, 'node_modules/typescript'),
      path.join(project, 'node_modules/typescript'),
      'dir',
    );

  beforeEach(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'holdline-start-'));
    await mkdir(path.join(project, 'scripts'));
    await mkdir(path.join(project, 'node_modules'));
    await copyFile(path.join(ROOT, 'package.json'), path.join(project, 'package.json'));
    await copyFile(
      path.join(ROOT, 'scripts/build-if-needed.mjs'),
      path.join(project, 'scripts/build-if-needed.mjs'),
    );
    const compilerOptions = {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: [],
      rootDir: 'src',
      outDir: 'dist',
    };
    await write('tsconfig.json', JSON.stringify({ compilerOptions }), OLD);
    await write(
      'tsconfig.build.json',
      JSON.stringify({ extends: './tsconfig.json', include: ['src'] }),
      OLD,
    );
    await writeSources(OLD);
  });
  afterEach(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('with dist/ built and no devDependencies installed, npm start runs dist/server.js', async () => {
    await writeDist(NEW);

    const started = await run('npm', ['start', '--silent'], project);

    expect(started.code).toBe(0);
    expect(started.output).toBe('dist/server.js ran\n');
  });

  it('without dist/ and without TypeScript, refuses to start and says how to build', async () => {
    const result = await prestart(project);

    expect(result.code).toBe(1);
    expect(result.output).toContain('dist/ is not built and TypeScript is not installed');
    expect(result.output).toContain('npm ci && npm run build');
  });

  it('with dist/ older than src/ and without TypeScript, warns and starts what was built', async () => {
    await writeDist(OLD);
    await writeSources(NEW);

    const result = await prestart(project);

    expect(result.code).toBe(0);
    expect(result.output).toContain('src/ looks newer than dist/, but TypeScript is not installed');
  });

  it('with TypeScript, builds a missing dist/, then leaves a fresh one alone, then rebuilds after an edit', async () => {
    await installTypeScript();

    const first = await prestart(project);
    expect(first.code).toBe(0);
    expect(first.output).toContain('building dist/');
    expect(await readFile(path.join(project, 'dist/worker.js'), 'utf8')).toContain("'worker'");

    const second = await prestart(project);
    expect(second).toEqual({ code: 0, output: '' });

    await writeFile(
      path.join(project, 'src/server.ts'),
      "export const entry: string = 'edited';\n",
    );
    const third = await prestart(project);
    expect(third.code).toBe(0);
    expect(third.output).toContain('src/ changed; rebuilding dist/');
    expect(await readFile(path.join(project, 'dist/server.js'), 'utf8')).toContain("'edited'");
  });

  it('a source that does not compile stops npm start before it runs anything, every time', async () => {
    await installTypeScript();
    await writeDist(OLD);
    await write('src/server.ts', 'export const entry: number = "not a number";\n', NEW);

    const started = await run('npm', ['start'], project);
    expect(started.code).not.toBe(0);
    expect(started.output).toContain('the build failed; not starting');
    expect(started.output).not.toContain('dist/server.js ran');

    // The failed build left dist/ as it was, so the next start tries again rather than run it.
    const again = await run('npm', ['start'], project);
    expect(again.code).not.toBe(0);
    expect(again.output).toContain('the build failed; not starting');
    expect(again.output).not.toContain('dist/server.js ran');
  });
});
