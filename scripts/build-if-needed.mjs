/**
 * `npm start`'s prestart: compiles src/ into dist/ when dist/ is missing or older than the
 * sources, so `npm install && npm start` works on a fresh clone and after a `git pull`. It
 * needs TypeScript only when it builds: with dist/ already built, `npm ci --omit=dev &&
 * npm start` runs without any devDependency. Plain JavaScript with no dependencies, because it
 * runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = process.cwd();
/** What `node dist/server.js` and `node dist/worker.js` need (the Procfile's two lines). */
const OUTPUTS = ['dist/server.js', 'dist/worker.js'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

function mtimeOf(file) {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time among the TypeScript sources and the compiler settings. */
function newestInput() {
  let newest = Math.max(0, ...CONFIGS.map((file) => mtimeOf(file) ?? 0));
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(root, 'src'));
  return newest;
}

/** 'fresh' | 'stale' | 'missing' */
function distState() {
  const built = OUTPUTS.map(mtimeOf);
  if (built.some((mtime) => mtime === undefined)) return 'missing';
  return newestInput() > Math.min(...built) ? 'stale' : 'fresh';
}

function findCompiler() {
  try {
    return createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

function main() {
  const state = distState();
  if (state === 'fresh') return 0;
  const tsc = findCompiler();
  if (tsc === undefined) {
    if (state === 'stale') {
      process.stderr.write(
        'holdline: src/ looks newer than dist/, but TypeScript is not installed ' +
          '(npm ci --omit=dev?); starting the dist/ that was built. Run `npm ci && npm run build` ' +
          'to rebuild.\n',
      );
      return 0;
    }
    process.stderr.write(
      'holdline: dist/ is not built and TypeScript is not installed (npm ci --omit=dev?). ' +
        'Build first with `npm ci && npm run build`, or run `npm install && npm start`.\n',
    );
    return 1;
  }
  process.stderr.write(
    `holdline: ${state === 'missing' ? 'building dist/' : 'src/ changed; rebuilding dist/'} ` +
      '(tsc -p tsconfig.build.json)\n',
  );
  // Without noEmitOnError a failed build would still write dist/, newer than src/: the next
  // start would take it as fresh and run code that does not type-check.
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--noEmitOnError'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    process.stderr.write('holdline: the build failed; not starting.\n');
    return 1;
  }
  return 0;
}

process.exitCode = main();
