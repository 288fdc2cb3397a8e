/*
 * The refresh loop the dashboard's lists share: a chain of timeouts (never two requests at once),
 * paused while the tab is hidden. A failed refresh keeps what was shown and says so in the
 * section's banner; the next success clears it. A refresh asked for while one is in flight (after
 * a command) runs when that one ends.
 */
import { showBanner } from './dom.js';
import { formatClock } from './format.js';

/**
 * deps.read(): one refresh; resolves 'session-ended' on a 401, 'stop' when the section has no
 * more use (nothing to refresh), anything else on success; rejects with what went wrong.
 * deps.delayMs(): the wait before the next refresh (read again after each one).
 * deps.banner: the section's error banner. deps.what / deps.shown: "the jobs" / "The list".
 * deps.onFirstFailure(): a refresh failed before any succeeded. deps.onSessionEnded(): a 401.
 */
export function createRefreshLoop({
  read,
  delayMs,
  banner,
  what,
  shown,
  onFirstFailure,
  onSessionEnded,
}) {
  let timer;
  let inFlight = false;
  let again = false;
  let stopped = false;
  let lastSuccess;

  const showError = (text) => showBanner(banner, text);

  function endSession() {
    stopped = true;
    clearTimeout(timer);
    onSessionEnded();
  }

  async function refresh() {
    clearTimeout(timer);
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      const outcome = await read();
      if (outcome === 'session-ended') {
        endSession();
        return;
      }
      if (outcome === 'stop') {
        stopped = true;
        return;
      }
      lastSuccess = new Date();
      showError(undefined);
    } catch (error) {
      const kept = lastSuccess
        ? `${shown} shows what was read at ${formatClock(lastSuccess)}.`
        : '';
      showError(
        `Could not refresh ${what}: ${error instanceof Error ? error.message : String(error)}. ` +
          `Trying again in ${delayMs() / 1000} seconds. ${kept}`,
      );
      if (!lastSuccess) onFirstFailure();
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void refresh();
      } else if (!stopped && !document.hidden) {
        timer = setTimeout(refresh, delayMs());
      }
    }
  }

  /** A first refresh now, then on the timer while the tab is visible. */
  function start() {
    document.addEventListener('visibilitychange', () => {
      if (stopped) return;
      if (document.hidden) clearTimeout(timer);
      else void refresh();
    });
    void refresh();
  }

  return { start, refresh, endSession, showError };
}
