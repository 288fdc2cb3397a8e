import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times (almost always 100). */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * CPU seconds (user + system) a process has used so far, read from /proc; undefined where there
 * is no /proc (not Linux) or the process is gone. The server's own CPU per request moves much
 * less with a noisy neighbour than its requests per second do, so the benchmark prints both.
 */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return Number.isFinite(userTicks + systemTicks)
      ? (userTicks + systemTicks) / CLOCK_TICKS
      : undefined;
  } catch {
    return undefined;
  }
}
