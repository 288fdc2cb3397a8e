import { ConfigError, loadConfig } from '../../src/config.js';

/** The problems a ConfigError lists; fails the test when loadConfig does not throw one. */
export function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}
