import type { Page } from 'playwright-core';
import type { CampaignStatus, ControlCommand } from '../../src/outbound/campaign.js';
import { importContacts } from '../../src/outbound/contact-import.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { contacts, execution } from '../outbound/campaign-fixtures.js';
import { NOW } from '../support/test-app.js';
import {
  describeInBrowser,
  expectText,
  logIn,
  requireChromium,
  sidewaysOverflow,
  useAdminBrowser,
} from './browser-harness.js';

/*
 * The dashboard's "Outbound campaigns" section in headless Chromium (browser-harness.ts). No
 * queue service runs: the test plays its part, taking the page's commands from the control log
 * and moving the campaign's status through the store as the service would. Counts are set
 * through the store too, as attempts would move them.
 */
requireChromium('the campaigns section in a browser');
jest.setTimeout(60_000);

/** The progress bar's members the tests read (the tests compile without lib "dom"). */
interface ProgressElement {
  readonly value: number;
  readonly max: number;
}

/** How the queue service moves a campaign on each command (src/dialer/queue-service.ts). */
const MOVES: Record<ControlCommand, { from: CampaignStatus[]; to: CampaignStatus }> = {
  start: { from: ['ready'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  stop: { from: ['ready', 'running', 'paused'], to: 'stopped' },
};
const EVENTS = {
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  stop: 'stopped',
} as const;

/** A list with a number that cannot be read (line 3) and a repeated one (line 4). */
const CSV = [
  'phone,name',
  '+14155550101,Ada',
  'call me maybe,Bob',
  '+14155550101,Ada again',
  '(415) 555-0102,Cy',
].join('\n');

describeInBrowser('the campaigns section in a browser', () => {
  const harness = useAdminBrowser();
  let campaigns: EmbeddedCampaignStore;
  let control: MemoryControlLog;

  beforeEach(async () => {
    campaigns = await EmbeddedCampaignStore.open(undefined);
    control = new MemoryControlLog();
    harness.rebuild({
      env: { OUTBOUND_ACCOUNT_CPS: '10', OUTBOUND_CPS_SHARE_PERCENT: '50' },
      outbound: { campaigns, control },
    });
  });

  /** The queue service's part: applies the commands sent so far; which they were. */
  async function applyCommands(): Promise<ControlCommand[]> {
    const entries = await control.read('test', 0);
    for (const { campaignId, command } of entries) {
      const move = MOVES[command];
      await campaigns.setStatus(campaignId, move.from, move.to, {
        campaignId,
        event: EVENTS[command],
        at: NOW,
      });
    }
    return entries.map((entry) => entry.command);
  }

  async function openCampaigns(page?: Page): Promise<Page> {
    const opened = page ?? (await harness.openPage({ timezoneId: 'UTC', locale: 'en-GB' }));
    await logIn(opened);
    await opened.locator('#campaigns-rate').filter({ hasText: 'Calls per second' }).waitFor();
    return opened;
  }

  const rowOf = (page: Page, id: string) =>
    page.locator(`#campaigns-body tr[data-campaign="${id}"]`);
  const button = (page: Page, label: string, name: string) =>
    page.getByRole('button', { name: `${label} the campaign ${name}`, exact: true });
  const enabledButtons = (page: Page, id: string) =>
    rowOf(page, id).locator('button[data-command]:not([disabled])').allTextContents();

  it('creates a campaign from an uploaded CSV, reports the refused row, then starts and pauses it', async () => {
    const page = await openCampaigns();
    await expectText(page, '#campaigns-empty', 'No campaigns yet: create one below.');
    expect(await page.locator('#campaign-queue option').allTextContents()).toEqual([
      'premium-customers',
      'customers',
    ]);

    await page.getByLabel('Campaign name').fill('Renewals');
    await page.getByLabel('Queue for answered calls').selectOption('customers');
    await page.getByLabel('Caller ID').fill('+15005550006');
    await page.getByLabel('Message when no rep is free').fill('This was Example Co.');
    await page.getByLabel('Contacts (CSV file)').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await page.getByRole('button', { name: 'Create campaign' }).click();

    await expectText(
      page,
      '#campaign-result-summary',
      'Created the campaign Renewals with 2 contacts; 1 row not imported, 1 duplicate left out.',
    );
    const refused = importContacts({ format: 'csv', body: CSV, defaultCountry: 'US' }).problems;
    expect(refused.map((row) => row.line)).toEqual([3]);
    expect(await page.locator('#campaign-refused li').allTextContents()).toEqual([
      `Line 3: ${refused[0]?.reason}`,
    ]);
    expect(await page.locator('#campaign-duplicates li').allTextContents()).toEqual([
      'Line 4: +14155550101, already on line 2',
    ]);

    const [stored] = await campaigns.list();
    expect(stored?.execution).toMatchObject({
      name: 'Renewals',
      settings: { targetQueue: 'customers', callerId: '+15005550006' },
    });
    const id = stored!.execution.id;
    const row = rowOf(page, id);
    await expectText(page, `#campaigns-body tr[data-campaign="${id}"] .badge`, 'Ready');
    expect(await enabledButtons(page, id)).toEqual([
      'Start the campaign Renewals',
      'Stop the campaign Renewals',
    ]);
    expect(await row.locator('.campaign-rate').textContent()).toBe('—');

    await button(page, 'Start', 'Renewals').click();
    await expectText(page, '#campaigns-status', 'Sent start to the campaign Renewals');
    expect(await applyCommands()).toEqual(['start']);
    await expectText(page, `#campaigns-body tr[data-campaign="${id}"] .badge`, 'Running');
    expect(await row.getAttribute('data-status')).toBe('running');
    expect(await enabledButtons(page, id)).toEqual([
      'Pause the campaign Renewals',
      'Stop the campaign Renewals',
    ]);

    await button(page, 'Pause', 'Renewals').click();
    await expectText(page, '#campaigns-status', 'Sent pause to the campaign Renewals');
    expect(await applyCommands()).toEqual(['pause']);
    await expectText(page, `#campaigns-body tr[data-campaign="${id}"] .badge`, 'Paused');
    expect((await campaigns.get(id))?.status).toBe('paused');
    expect(await enabledButtons(page, id)).toEqual([
      'Resume the campaign Renewals',
      'Stop the campaign Renewals',
    ]);
  });

  it('says why a campaign was not created, by field', async () => {
    const page = await openCampaigns();
    await page.getByLabel('Campaign name').fill('No caller ID');
    await page.getByLabel('Caller ID').fill('5550006');
    await page.getByLabel('Message when no rep is free').fill('This was Example Co.');
    await page.getByLabel('Contacts (CSV file)').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expectText(page, '#campaign-form-error', 'The campaign was not created');
    expect(await page.locator('#campaign-form-problems li').allTextContents()).toEqual([
      'Caller ID: an E.164 number on the account, e.g. +15005550006',
    ]);
    expect(await page.getByLabel('Caller ID').getAttribute('aria-invalid')).toBe('true');
    expect(await campaigns.list()).toEqual([]);
  });

  it('shows progress, counts, the abandonment rate and the calls per second measured between two refreshes', async () => {
    const page = await harness.openPage({ timezoneId: 'UTC', locale: 'en-GB' });
    // The page's timers run only when the test moves its clock: two refreshes exactly 2 s apart.
    await page.clock.install({ time: NOW });
    await page.clock.pauseAt(NOW + 1000);
    const campaign = execution('CE1', {
      targetQueue: 'customers',
      pacing: { mode: 'predictive', abandonTarget: 0.02 },
    });
    await campaigns.create({ ...campaign, name: 'Winter offer' }, contacts(10));
    await campaigns.setStatus('CE1', ['ready'], 'running', undefined);
    await openCampaigns(page);
    const row = rowOf(page, 'CE1');
    await expectText(page, '#campaigns-body tr[data-campaign="CE1"]', 'dialed 0 · active 0');
    await expectText(page, '#campaigns-rate', 'Calls per second in use: not measured yet');

    // Four calls placed, two of them ended: one connected, one abandoned.
    const attempts = await campaigns.claim('CE1', 4, NOW);
    for (const [n, attempt] of attempts.entries()) {
      await campaigns.advance('CE1', attempt.id, ['claimed'], { state: 'dialing', dialedAt: NOW });
      await campaigns.advance('CE1', attempt.id, ['dialing'], {
        state: 'live',
        callSid: `CA${String(n).padStart(32, '0')}`,
      });
    }
    await campaigns.end('CE1', attempts[0]!.id, { outcome: 'connected', at: NOW });
    await campaigns.end('CE1', attempts[1]!.id, { outcome: 'abandoned', at: NOW });
    // The runner's last report, fresh: one and a half calls per rep.
    await campaigns.setPacingState('CE1', { dialLevel: 1.5, at: NOW });
    await page.clock.runFor(2000);

    await expectText(
      page,
      '#campaigns-rate',
      'Calls per second in use: 2 (measured by this page from the dialed counts between two ' +
        'refreshes) · limit 5 per second, every process together.',
    );
    expect(await row.locator('.campaign-dialed').textContent()).toBe('dialed 4 · active 2');
    expect(await row.locator('.campaign-finished').textContent()).toBe('2 of 10 finished');
    const bar = page.getByRole('progressbar', {
      name: 'Winter offer: 2 of 10 contacts finished',
      exact: true,
    });
    expect(await bar.evaluate((node: ProgressElement) => [node.value, node.max])).toEqual([2, 10]);
    expect(await row.locator('.campaign-counts li').allTextContents()).toEqual([
      'answered 2',
      'connected 1',
      'abandoned 1',
      'machine 0',
      'failed 0',
      'remaining 6',
    ]);
    expect(await row.locator('.campaign-rate').textContent()).toBe('50 %');
    expect(await row.locator('.campaign-rate').getAttribute('class')).toContain('over-cap');
    // One abandon in two answers: a predictive campaign has no budget left.
    expect(await row.locator('td.number .sub').textContent()).toBe(
      '1 of 2 people who answered in the last 30 days (US rule) · lifetime 50 % · ' +
        'predictive: budget spent, one call per rep (target 2 %)',
    );
    expect(await row.locator('.campaign-dial-level').textContent()).toBe(
      'dial level 1.5 calls per rep',
    );

    // Nothing dialed in the next 2 s: nothing in use.
    await page.clock.runFor(2000);
    await expectText(page, '#campaigns-rate', 'Calls per second in use: 0 (');
  });

  it('shows the rate over the UK rule’s 24 hours beside the lifetime rate, and a dial level gone stale', async () => {
    const campaign = execution('CE1', {
      targetQueue: 'customers',
      machineDetection: true,
      pacing: {
        mode: 'progressive',
        abandonTarget: 0.02,
        abandonRule: 'uk',
        amdFalsePositiveRate: 0.2,
      },
    });
    await campaigns.create({ ...campaign, name: 'UK list' }, contacts(41));
    await campaigns.setStatus('CE1', ['ready'], 'running', undefined);
    const [old, ...today] = await campaigns.claim('CE1', 41, NOW);
    // Two days ago: an abandon, outside the 24 hours. Today: 29 connected, 1 abandoned, and 10
    // machine verdicts, of which 20% (2 people) are taken to be people hung up on.
    await campaigns.end('CE1', old!.id, { outcome: 'abandoned', at: NOW - 48 * 3_600_000 });
    for (const [n, attempt] of today.entries()) {
      const outcome = n < 29 ? 'connected' : n === 29 ? 'abandoned' : 'machine';
      await campaigns.end('CE1', attempt.id, { outcome, at: NOW });
    }
    await campaigns.setPacingState('CE1', { dialLevel: 2, at: NOW - 120_000 });

    const page = await openCampaigns(
      await harness.openPage({ timezoneId: 'UTC', locale: 'en-GB' }),
    );
    const row = rowOf(page, 'CE1');
    await row.waitFor();
    // (1 + 2) of (29 + 1 + 2): 9.4 %; the lifetime counts what was seen: 2 of 31.
    expect(await row.locator('.campaign-rate').textContent()).toBe('9.4 %');
    expect(await row.locator('td.number .sub').textContent()).toBe(
      '3 of 32 people who answered in the last 24 hours (UK rule), 2 of them estimated ' +
        'AMD false positives · lifetime 6.5 %',
    );
    expect(await row.locator('.campaign-dial-level').textContent()).toBe(
      'dial level — (no report from the dialer since Mon 09:58)',
    );
  });

  it('without outbound campaigns on the server, says so and offers no form', async () => {
    harness.rebuild({});
    const page = await harness.openPage();
    await logIn(page);
    await expectText(page, '#campaigns-empty', 'Outbound campaigns are off on this server.');
    expect(await page.locator('#campaign-form').isHidden()).toBe(true);
    expect(await page.locator('#campaigns-rate').isHidden()).toBe(true);
  });

  it('fits a phone (390×844): each campaign is a card, the page never scrolls sideways', async () => {
    await campaigns.create({ ...execution('CE1'), name: 'Winter offer' }, contacts(3));
    const page = await openCampaigns(
      await harness.openPage({ viewport: { width: 390, height: 844 } }),
    );
    await rowOf(page, 'CE1').waitFor();
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, body: 0 });
  });
});
