import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Demo mode has no Twilio credentials and no API_TOKEN but still checks signatures and bearer
 * tokens, with secrets it invents once and keeps under DATA_DIR, so the simulate CLI and the
 * curl lines printed yesterday still work today. Each file is readable by its owner only.
 */
export type DemoSecret = 'demo-auth-token' | 'demo-api-token' | 'demo-admin-token';

export function demoSecretPath(dataDir: string, name: DemoSecret): string {
  return path.join(dataDir, name);
}

export async function readDemoSecret(
  dataDir: string,
  name: DemoSecret,
): Promise<string | undefined> {
  try {
    const secret = (await readFile(demoSecretPath(dataDir, name), 'utf8')).trim();
    return secret === '' ? undefined : secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function loadOrCreateDemoSecret(dataDir: string, name: DemoSecret): Promise<string> {
  const existing = await readDemoSecret(dataDir, name);
  if (existing !== undefined) return existing;
  const secret = randomBytes(16).toString('hex');
  await mkdir(dataDir, { recursive: true });
  // Write then rename, so a crash never leaves a half-written secret behind.
  const temporary = `${demoSecretPath(dataDir, name)}.${process.pid}.tmp`;
  await writeFile(temporary, `${secret}\n`, { mode: 0o600 });
  await rename(temporary, demoSecretPath(dataDir, name));
  return secret;
}
