import { ConfigError, loadConfig, type Config } from './config.js';

/**
 * For the entry files: a bad configuration ends the process at once with every problem named,
 * before anything listens or polls (exit code 2, so a supervisor can tell it from a crash).
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
