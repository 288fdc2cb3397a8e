import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Demo mode has no Twilio credentials but still checks signatures, with a token it invents
 * once and keeps under DATA_DIR, so the simulate CLI and curl lines printed yesterday still
 * work today. The file is readable by its owner only.
 */
const FILE_NAME = 'demo-auth-token';

export function demoAuthTokenPath(dataDir: string): string {
  return path.join(dataDir, FILE_NAME);
}

export async function readDemoAuthToken(dataDir: string): Promise<string | undefined> {
  try {
    const token = (await readFile(demoAuthTokenPath(dataDir), 'utf8')).trim();
    return token === '' ? undefined : token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function loadOrCreateDemoAuthToken(dataDir: string): Promise<string> {
  const existing = await readDemoAuthToken(dataDir);
  if (existing !== undefined) return existing;
  const token = randomBytes(16).toString('hex');
  await mkdir(dataDir, { recursive: true });
  // Write then rename, so a crash never leaves a half-written token behind.
  const temporary = `${demoAuthTokenPath(dataDir)}.${process.pid}.tmp`;
  await writeFile(temporary, `${token}\n`, { mode: 0o600 });
  await rename(temporary, demoAuthTokenPath(dataDir));
  return token;
}
