/*
 * The live queue table: refreshed every 5 seconds while the tab is visible, paused while it is
 * hidden (no requests nobody sees). A failed refresh keeps the last table and says so in a
 * banner; the next success clears it. A 401 stops the loop: the session is over.
 */
import { callApi, errorOf, serverSkewOf } from './api.js';
import { byId, el, setText, showBanner } from './dom.js';
import { formatClock } from './format.js';
import { accuracyChart } from './accuracy-chart.js';
import { byPriority, queueRow } from './queue-rows.js';

const REFRESH_MS = 5000;

/**
 * deps.onQueues(queues): after each successful refresh, with the queues in table order.
 * deps.onSessionEnded(): when the API answers 401.
 */
export function createQueueTable({ onQueues, onSessionEnded }) {
  const body = byId('queues-body');
  const lastUpdated = byId('last-updated');
  const errorBanner = byId('refresh-error');
  let timer;
  let inFlight = false;
  let stopped = false;
  let lastSuccess;
  /** The clock difference between the server and this browser, from the Date header. */
  let serverSkewMs = 0;

  // Each cell names its column: on a narrow screen the rows show as cards, headings hidden.
  const columns = [...byId('queues-table').querySelectorAll('thead th')].map((th) =>
    th.textContent.trim(),
  );
  const labelCells = (row) => {
    [...row.children].forEach((cell, i) => {
      if (i > 0 && columns[i]) cell.setAttribute('data-label', columns[i]);
    });
    return row;
  };

  /** Each queue's last hour of announcements, charted; null for one that could not be read. */
  async function readCharts(queues) {
    const charts = await Promise.all(
      queues.map(async (queue) => {
        const result = await callApi(
          'GET',
          `/queues/${encodeURIComponent(queue.name)}/announcements`,
        ).catch(() => undefined);
        if (!result || !result.ok || !result.body) return null;
        const { told, waiting } = result.body;
        // Nothing to draw yet: no frame either, the words say so.
        if ((told || []).length === 0 && (waiting || []).length < 2) return null;
        return accuracyChart(result.body, Date.now() + serverSkewMs);
      }),
    );
    return new Map(queues.map((queue, i) => [queue.name, charts[i]]));
  }

  function render(queues, charts) {
    const now = Date.now();
    const rows = queues.map((queue) =>
      labelCells(queueRow(queue, now, serverSkewMs, charts.get(queue.name) || null)),
    );
    if (rows.length === 0) {
      rows.push(
        el('tr', {}, el('td', { colspan: '9' }, 'No queues yet: the stats have not been read.')),
      );
    }
    body.replaceChildren(...rows);
    onQueues(queues);
  }

  /** The banner above the table; `undefined` hides it. */
  const showRefreshError = (text) => showBanner(errorBanner, text);

  function describeLastUpdate(suffix) {
    const when = lastSuccess ? `Last updated ${formatClock(lastSuccess)}` : 'Not loaded yet';
    setText(lastUpdated, `${when}. ${suffix}`);
  }

  async function refresh() {
    clearTimeout(timer);
    if (inFlight || stopped) return;
    inFlight = true;
    try {
      const result = await callApi('GET', '/queues');
      if (result.status === 401) {
        stopped = true;
        onSessionEnded();
        return;
      }
      if (!result.ok || !result.body || !Array.isArray(result.body.queues)) {
        const { code, message } = errorOf(result);
        throw new Error(`${message} (${code})`);
      }
      serverSkewMs = serverSkewOf(result.headers);
      const queues = [...result.body.queues].sort(byPriority);
      render(queues, await readCharts(queues));
      lastSuccess = new Date();
      showRefreshError(undefined);
      describeLastUpdate('Refreshes every 5 seconds.');
    } catch (error) {
      const shown = lastSuccess
        ? `The table shows what was read at ${formatClock(lastSuccess)}.`
        : '';
      showRefreshError(
        `Could not refresh the queues: ${error instanceof Error ? error.message : String(error)}. ` +
          `Trying again every 5 seconds. ${shown}`,
      );
      describeLastUpdate('Refresh failed.');
    } finally {
      inFlight = false;
      if (!stopped && !document.hidden) timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  /** Starts the refresh loop: a first refresh now, then one every 5 s while the tab is visible. */
  function start() {
    document.addEventListener('visibilitychange', () => {
      if (stopped) return;
      if (document.hidden) {
        clearTimeout(timer);
        describeLastUpdate('Paused while this tab is hidden.');
      } else {
        void refresh();
      }
    });
    void refresh();
  }

  return { start, showRefreshError };
}
