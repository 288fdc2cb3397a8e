/*
 * The callbacks section: every callback callers asked for, refreshed every 5 seconds
 * (refresh-loop.js), filtered by state on the server; Cancel on each waiting one. A 401 ends
 * the session; a 404 means this server keeps no callbacks: the section says so and stops.
 */
import { callApi, errorOf } from './api.js';
import { byId, setText } from './dom.js';
import { labelCells, showKeyed } from './keyed-views.js';
import { createCallbackRow, orderCallbacks } from './callback-row.js';
import { createRefreshLoop } from './refresh-loop.js';

const REFRESH_MS = 5000;
/** Rows shown at most: every callback ever taken is listed, and the page must stay light. */
const SHOWN = 100;

/** deps.onSessionEnded(): when the API answers 401. */
export function createCallbackList({ onSessionEnded }) {
  const body = byId('callbacks-body');
  const table = byId('callbacks-scroll');
  const empty = byId('callbacks-empty');
  const count = byId('callbacks-count');
  const errorBanner = byId('callbacks-error');
  const status = byId('callbacks-status');
  const filter = byId('callbacks-filter');
  const stateChoice = byId('callbacks-state');
  /** The row of each callback shown, by id: updated in place. */
  const rows = new Map();
  const columns = [...byId('callbacks-table').querySelectorAll('thead th')].map((th) =>
    th.textContent.trim(),
  );

  function describeCount(shown, total, state) {
    const which = state ? ` ${state}` : '';
    if (total === 0) return '';
    if (shown < total) return `The first ${shown} of ${total}${which} callbacks.`;
    return total === 1 ? `1${which} callback.` : `${total}${which} callbacks.`;
  }

  function render(callbacks, state) {
    const shown = orderCallbacks(callbacks).slice(0, SHOWN);
    const showing = showKeyed(
      body,
      rows,
      shown,
      () => {
        const row = createCallbackRow(cancel);
        labelCells(row.node, columns);
        return row;
      },
      (row, callback) => row.update(callback),
    );
    table.hidden = showing === 0;
    setText(count, describeCount(showing, callbacks.length, state));
    setText(empty, state ? `No ${state} callbacks.` : 'No callbacks yet.');
    empty.hidden = showing > 0;
  }

  const loop = createRefreshLoop({
    read: async () => {
      const state = stateChoice.value;
      const query = state ? `?state=${encodeURIComponent(state)}` : '';
      const result = await callApi('GET', `/callbacks${query}`);
      if (result.status === 401) return 'session-ended';
      if (result.status === 404) {
        setText(empty, 'Callbacks are off on this server.');
        empty.hidden = false;
        table.hidden = true;
        filter.hidden = true;
        setText(count, '');
        return 'stop';
      }
      if (!result.ok || !result.body || !Array.isArray(result.body.callbacks)) {
        const { code, message } = errorOf(result);
        throw new Error(`${message} (${code})`);
      }
      // The choice may have changed while the request was out: its own refresh follows.
      if (state === stateChoice.value) render(result.body.callbacks, state);
      return 'shown';
    },
    delayMs: () => REFRESH_MS,
    banner: errorBanner,
    what: 'the callbacks',
    shown: 'The table',
    onFirstFailure: () => (empty.hidden = true),
    onSessionEnded,
  });

  /**
   * POST …/cancel, after the supervisor confirms (the caller loses their place for good); shows
   * the answer at once and refreshes the table.
   */
  async function cancel(callback, row) {
    const which = `the callback to ${callback.phone}`;
    const question = `Cancel ${which}? The caller loses their place in line.`;
    if (!window.confirm(question)) return;
    row.cancel.disabled = true;
    setText(status, `Canceling ${which}…`);
    try {
      const result = await callApi('POST', `/callbacks/${encodeURIComponent(callback.id)}/cancel`);
      if (result.status === 401) {
        loop.endSession();
        return;
      }
      if (!result.ok || !result.body || !result.body.callback) {
        const { code, message } = errorOf(result);
        setText(status, `Could not cancel ${which}: ${message} (${code})`);
        return;
      }
      row.update(result.body.callback);
      setText(status, `Canceled ${which}.`);
      void loop.refresh();
    } catch {
      setText(status, `Could not cancel ${which}: the server could not be reached.`);
    } finally {
      row.cancel.disabled = false;
    }
  }

  filter.addEventListener('submit', (event) => event.preventDefault());
  stateChoice.addEventListener('change', () => void loop.refresh());

  return { start: loop.start, showRefreshError: loop.showError };
}
