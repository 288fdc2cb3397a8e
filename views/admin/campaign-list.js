/*
 * The campaigns table, refreshed every 2 seconds (refresh-loop.js). Each refresh also measures
 * the calls per second in use from the change in the campaigns' dialed counts. A 401 ends the
 * session; a 404 means this server runs no outbound campaigns: the section says so and stops.
 */
import { callApi, errorOf } from './api.js';
import { byId, setText } from './dom.js';
import { labelCells, showKeyed } from './keyed-views.js';
import { createRefreshLoop } from './refresh-loop.js';
import { formatNumber, measureCallsPerSecond, readDialed } from './campaign-figures.js';
import { createCampaignRow } from './campaign-row.js';

const REFRESH_MS = 2000;

/**
 * deps.onTargetQueues(queues): the queues a campaign may target, after each refresh.
 * deps.onUnavailable(): when the server has no campaigns (404): the form has no use.
 * deps.onSessionEnded(): when the API answers 401.
 */
export function createCampaignList({ onTargetQueues, onUnavailable, onSessionEnded }) {
  const body = byId('campaigns-body');
  const table = byId('campaigns-scroll');
  const empty = byId('campaigns-empty');
  const errorBanner = byId('campaigns-error');
  const status = byId('campaigns-status');
  const rateLine = byId('campaigns-rate');
  /** The row of each campaign shown, by id: updated in place, so focus stays on its button. */
  const rows = new Map();
  const columns = [...byId('campaigns-table').querySelectorAll('thead th')].map((th) =>
    th.textContent.trim(),
  );
  /** The previous refresh's dialed counts, to measure calls per second against. */
  let lastReading;

  function render(campaigns) {
    const shown = showKeyed(
      body,
      rows,
      campaigns,
      () => {
        const row = createCampaignRow(sendCommand);
        labelCells(row.node, columns);
        return row;
      },
      (row, campaign) => row.update(campaign),
    );
    table.hidden = shown === 0;
    setText(empty, 'No campaigns yet: create one below.');
    empty.hidden = shown > 0;
  }

  function describeRate(campaigns, limit) {
    const reading = readDialed(campaigns, performance.now());
    const measured = measureCallsPerSecond(lastReading, reading);
    lastReading = reading;
    const inUse = measured === null ? 'not measured yet' : formatNumber(measured);
    const limitText =
      typeof limit === 'number'
        ? ` · limit ${formatNumber(limit)} per second, every process together`
        : '';
    setText(
      rateLine,
      `Calls per second in use: ${inUse} (measured by this page from the dialed counts ` +
        `between two refreshes)${limitText}.`,
    );
  }

  const loop = createRefreshLoop({
    read: async () => {
      const result = await callApi('GET', '/campaigns');
      if (result.status === 401) return 'session-ended';
      if (result.status === 404) {
        setText(empty, 'Outbound campaigns are off on this server.');
        empty.hidden = false;
        table.hidden = true;
        rateLine.hidden = true;
        onUnavailable();
        return 'stop';
      }
      if (!result.ok || !result.body || !Array.isArray(result.body.campaigns)) {
        const { code, message } = errorOf(result);
        throw new Error(`${message} (${code})`);
      }
      const campaigns = result.body.campaigns;
      render(campaigns);
      describeRate(campaigns, result.body.callsPerSecondLimit);
      if (Array.isArray(result.body.targetQueues)) onTargetQueues(result.body.targetQueues);
      return 'shown';
    },
    delayMs: () => REFRESH_MS,
    banner: errorBanner,
    what: 'the campaigns',
    shown: 'The table',
    onFirstFailure: () => (empty.hidden = true),
    onSessionEnded,
  });

  /**
   * POST …/{command}: the command goes on the control stream, and the queue service moves the
   * campaign's status when it applies it; the next refreshes show the new status.
   */
  async function sendCommand(campaign, command, button) {
    button.disabled = true;
    setText(status, `Sending ${command} to the campaign ${campaign.name}…`);
    try {
      const result = await callApi(
        'POST',
        `/campaigns/${encodeURIComponent(campaign.id)}/${command}`,
      );
      if (result.status === 401) {
        loop.endSession();
        return;
      }
      if (!result.ok) {
        setText(
          status,
          `Could not send ${command} to the campaign ${campaign.name}: ${errorOf(result).message}`,
        );
        return;
      }
      setText(
        status,
        `Sent ${command} to the campaign ${campaign.name}: its status changes once the ` +
          'queue service applies it.',
      );
      void loop.refresh();
    } catch {
      setText(
        status,
        `Could not send ${command} to the campaign ${campaign.name}: the server could not be reached.`,
      );
    } finally {
      // Back to the buttons the status last read allows (the click disabled its own).
      const row = rows.get(campaign.id);
      if (row) row.update(row.campaign);
    }
  }

  return { start: loop.start, refresh: loop.refresh, showRefreshError: loop.showError };
}
