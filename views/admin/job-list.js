/*
 * The background jobs section: the newest jobs with their progress, refreshed (refresh-loop.js)
 * every 2 seconds while one runs and every 10 seconds otherwise. A 401 ends the session.
 */
import { callApi, errorOf, serverSkewOf } from './api.js';
import { byId, setText } from './dom.js';
import { showKeyed } from './keyed-views.js';
import { createJobItem, kindName } from './job-items.js';
import { createRefreshLoop } from './refresh-loop.js';

const SHOWN = 10;
const RUNNING_MS = 2000;
const IDLE_MS = 10000;

/** deps.onSessionEnded(): when the API answers 401. */
export function createJobList({ onSessionEnded }) {
  const list = byId('jobs-list');
  const empty = byId('jobs-empty');
  const errorBanner = byId('jobs-error');
  const status = byId('jobs-status');
  /** The entry of each job shown, by id: updated in place, so focus and open details stay. */
  const entries = new Map();
  let delayMs = IDLE_MS;
  /** The clock difference between the server and this browser, from the Date header. */
  let serverSkewMs = 0;

  function render(jobs) {
    const now = Date.now() + serverSkewMs;
    const shown = jobs.slice(0, SHOWN);
    const showing = showKeyed(
      list,
      entries,
      shown,
      () => createJobItem(cancel),
      (entry, job) => entry.update(job, now),
    );
    list.hidden = showing === 0;
    setText(empty, 'No background jobs yet.');
    empty.hidden = showing > 0;
  }

  const loop = createRefreshLoop({
    read: async () => {
      const result = await callApi('GET', '/jobs');
      if (result.status === 401) return 'session-ended';
      if (!result.ok || !result.body || !Array.isArray(result.body.jobs)) {
        const { code, message } = errorOf(result);
        throw new Error(`${message} (${code})`);
      }
      serverSkewMs = serverSkewOf(result.headers);
      const jobs = result.body.jobs;
      delayMs = jobs.some((job) => job.state === 'running') ? RUNNING_MS : IDLE_MS;
      render(jobs);
      return 'shown';
    },
    delayMs: () => delayMs,
    banner: errorBanner,
    what: 'the jobs',
    shown: 'The list',
    onFirstFailure: () => (empty.hidden = true),
    onSessionEnded,
  });

  /** POST …/cancel for a running job, then shows the answer at once and refreshes the list. */
  async function cancel(job, entry) {
    const name = kindName(job.kind);
    const hadFocus = document.activeElement === entry.cancel;
    entry.cancel.disabled = true;
    setText(status, `Cancelling the ${name} job…`);
    try {
      const result = await callApi('POST', `/jobs/${encodeURIComponent(job.id)}/cancel`);
      if (result.status === 401) {
        loop.endSession();
        return;
      }
      if (!result.ok || !result.body || !result.body.state) {
        setText(status, `Could not cancel the ${name} job: ${errorOf(result).message}`);
        return;
      }
      entry.update(result.body, Date.now() + serverSkewMs);
      setText(
        status,
        result.body.state === 'cancelled'
          ? `Cancelled the ${name} job.`
          : `The ${name} job had already finished.`,
      );
      void loop.refresh();
    } catch {
      setText(status, `Could not cancel the ${name} job: the server could not be reached.`);
    } finally {
      entry.cancel.disabled = false;
      // The button is gone once the job stops: keep the keyboard user at the job.
      if (hadFocus) (entry.cancel.hidden ? entry.heading : entry.cancel).focus();
    }
  }

  return { start: loop.start, showRefreshError: loop.showError };
}
