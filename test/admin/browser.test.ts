import type { Page } from 'playwright-core';
import { DEFAULT_CLOSED_MESSAGE, defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { ADMIN_TOKEN, AUTH_TOKEN } from '../support/test-app.js';
import {
  describeInBrowser,
  expectText,
  focusedId,
  logIn,
  requireChromium,
  sidewaysOverflow,
  useAdminBrowser,
  type PageElement,
  answerApiWith,
} from './browser-harness.js';
import { caller } from './demo-queues.js';

/*
 * The admin page in headless Chromium (browser-harness.ts): the queue table and the settings
 * editor. NOW (the app's clock) is Monday 2026-11-23 10:00 UTC.
 */
requireChromium('the admin page in a browser');
jest.setTimeout(60_000);

describeInBrowser('the admin page in a browser', () => {
  const harness = useAdminBrowser();

  async function editQueue(page: Page, queue: string): Promise<void> {
    await page.getByLabel('Queue', { exact: true }).selectOption(queue);
    await page.getByRole('button', { name: 'Edit settings' }).click();
    await page.locator('#metadata-form').waitFor();
    await expectText(page, '#editor-status', `Loaded the settings of ${queue} (version `);
  }

  /** A signed webhook, as Twilio posts it. */
  const postAsTwilio = (path: string, params: Record<string, string>) => {
    const url = `${harness.baseUrl}${path}`;
    return fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signTwilioRequest(AUTH_TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    }).then((res) => res.text());
  };
  const call = (queue: string) => postAsTwilio(`/voice/incoming?queue=${queue}`, caller);

  it('logs in, shows the queues, and an edit that closes a queue today turns its next caller away', async () => {
    const page = await harness.openPage();
    await logIn(page);

    const rows = await page
      .locator('#queues-body tr')
      .evaluateAll((trs: PageElement[]) =>
        trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')),
      );
    expect(rows.map((cells) => cells.slice(0, 3))).toEqual([
      ['premium-customers', 'Open', '2'],
      ['customers', 'Open', '6'],
    ]);
    expect(rows[0]?.[6]).toBe('1 / 4');
    expect(rows[0]?.[7]).toBe('30 s: 75 %');
    await expectText(page, '#last-updated', 'Last updated');
    expect(await call('customers')).toContain('<Enqueue');

    // Monday (today, in the queue's UTC) from noon only: closed at 10:00.
    await editQueue(page, 'customers');
    await page.locator('#f-weeklyHours-monday-0-open').fill('12:00');
    await page.locator('#f-weeklyHours-monday-0-close').fill('17:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of customers (version 2).');
    expect(await page.locator('#editor-status').getAttribute('role')).toBe('status');

    const twiml = await call('customers');
    expect(twiml).toContain(`${DEFAULT_CLOSED_MESSAGE}</Say><Hangup/>`);
    expect(twiml).not.toContain('<Enqueue');

    // The table follows on its next refresh (every 5 s).
    await expectText(page, '#queues-body tr[data-queue="customers"]', 'Closedopens');
  });

  it('shows a configured queue Twilio has not listed yet, its numbers unknown, and edits it', async () => {
    harness.rebuild({ env: { QUEUES: 'premium-customers,customers,launch' } });
    const page = await harness.openPage();
    await logIn(page);
    const row = '#queues-body tr[data-queue="launch"]';
    await expectText(page, row, 'not yet seen on Twilio');
    const cells = await page
      .locator(`${row} > *`)
      .evaluateAll((tds: PageElement[]) => tds.map((td) => td.textContent?.trim() ?? ''));
    expect([...cells.slice(0, 5), cells[6]]).toEqual([
      'launch',
      'Open',
      '—',
      '—',
      'unknownno stats',
      '— / —',
    ]);

    await editQueue(page, 'launch');
    await page.getByLabel('Display name').fill('Launch line');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of Launch line (version 2).');
  });

  it('shows the server’s problem next to an invalid time, marked for assistive technology', async () => {
    const page = await harness.openPage();
    await logIn(page);
    await editQueue(page, 'premium-customers');
    const close = page.locator('#f-weeklyHours-tuesday-0-close');
    await close.fill('25:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Not saved: 1 problem.');

    expect(await close.getAttribute('aria-invalid')).toBe('true');
    expect((await close.getAttribute('aria-describedby'))?.split(' ')).toContain(
      'f-weeklyHours-tuesday-0-close-error',
    );
    expect(await page.locator('#f-weeklyHours-tuesday-0-close-error').textContent()).toContain(
      'HH:MM',
    );
    expect(await focusedId(page)).toBe('f-weeklyHours-tuesday-0-close');
    // Fixing the field clears its mark; saving then works.
    await close.fill('24:00');
    expect(await close.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of premium-customers');
  });

  it('words the server’s problems with the labels on the form, not the code names', async () => {
    const page = await harness.openPage();
    await logIn(page);
    await editQueue(page, 'customers');
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.locator('#f-weeklyHours-monday-0-open').fill('18:00');
    await page.locator('#f-weeklyHours-monday-0-close').fill('09:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Not saved: 2 problems.');

    expect(await page.locator('#f-timeZone-error').textContent()).toBe(
      'Time zone must be an IANA time zone such as "Europe/Paris"',
    );
    expect(await page.locator('#f-weeklyHours-monday-0-close-error').textContent()).toBe(
      'Closes must be after opens (split a range that runs past midnight in two)',
    );
    const summary = await page.locator('#form-summary-list li').allTextContents();
    expect(summary).toEqual([
      'Time zone must be an IANA time zone such as "Europe/Paris"',
      'Monday, closes: Closes must be after opens (split a range that runs past midnight in two)',
    ]);
    expect(summary.join(' ')).not.toMatch(/timeZone|\bclose must|\bopen\b/);
  });

  it('says clearly when someone else saved the queue first, and reloads their version', async () => {
    const page = await harness.openPage();
    await logIn(page);
    const current = await harness.built.metadataStore.get('premium-customers');
    await editQueue(page, 'premium-customers');
    // Another supervisor saves meanwhile.
    const theirs = { ...defaultQueueMetadata('premium-customers'), displayName: 'VIP line' };
    await harness.built.metadataStore.update('premium-customers', theirs, current?.version ?? 0);

    await page.getByLabel('Display name').fill('Mine');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(
      page,
      '#editor-problem',
      'Someone else saved the settings of premium-customers',
    );
    await expectText(page, '#editor-problem', 'Reload to see their changes');
    await page.getByRole('button', { name: 'Reload the saved settings' }).click();
    await expectText(page, '#editor-status', 'Reloaded the settings of VIP line');
    expect(await page.getByLabel('Display name').inputValue()).toBe('VIP line');
  });

  it('when a refresh fails, says so in a banner and keeps the last table; the next success clears it', async () => {
    const page = await harness.openPage();
    await logIn(page);
    await answerApiWith(page, '**/admin/api/queues', 503, {
      code: 'SOMETHING_DOWN',
      message: 'Down for a test',
    });
    await expectText(
      page,
      '#refresh-error',
      'Could not refresh the queues: Down for a test (SOMETHING_DOWN).',
    );
    expect(await page.locator('#refresh-error').getAttribute('role')).toBe('alert');
    await expectText(page, '#last-updated', 'Refresh failed.');
    expect(await page.locator('#queues-body tr').count()).toBe(2);
    await page.unroute('**/admin/api/queues');
    await page.locator('#refresh-error').waitFor({ state: 'hidden' });
    await expectText(page, '#last-updated', 'Refreshes every 5 seconds.');
  });

  it('works from the keyboard alone: Tab reaches the token field, Enter logs in', async () => {
    const page = await harness.openPage();
    let focused: string | undefined;
    for (let presses = 0; presses < 5 && focused !== 'token'; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await focusedId(page);
    }
    expect(focused).toBe('token');
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#queues-body tr[data-queue="customers"]').waitFor();
    expect(await page.locator('meta[name="csrf-token"]').count()).toBe(1);
  });

  it('fits a phone (390×844): one card per queue, estimate and agents in view, nothing scrolls sideways', async () => {
    const page = await harness.openPage({ viewport: { width: 390, height: 844 } });
    const overflow = () => sidewaysOverflow(page);
    expect(await overflow()).toEqual({ page: 0, body: 0 });
    await logIn(page);
    expect(await overflow()).toEqual({ page: 0, body: 0 });
    const width = await page
      .locator('body')
      .evaluate((body: PageElement) => body.ownerDocument.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    const card = page.locator('#queues-body tr[data-queue="customers"]');
    for (const [cell, label] of [
      ['td.estimate', 'Estimate for a new caller'],
      ['td.agents', 'Agents available / eligible'],
    ] as const) {
      const box = await card.locator(cell).boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
      expect(await card.locator(cell).getAttribute('data-label')).toBe(label);
    }
    await expectText(page, '#queues-body tr[data-queue="customers"] td.agents', '0 / 9');
    // Cards stack: the second queue's card is below the first, not beside it.
    const first = await page.locator('#queues-body tr').nth(0).boundingBox();
    const second = await page.locator('#queues-body tr').nth(1).boundingBox();
    expect((second?.y ?? 0) >= (first?.y ?? 0) + (first?.height ?? 0)).toBe(true);

    await editQueue(page, 'customers');
    expect(await overflow()).toEqual({ page: 0, body: 0 });
  });

  it('keeps the table on a wide screen', async () => {
    const page = await harness.openPage();
    await logIn(page);
    expect(await page.locator('#queues-table thead').isVisible()).toBe(true);
    const cells = await page.locator('#queues-body tr[data-queue="customers"] > *').all();
    const tops = await Promise.all(cells.map(async (cell) => (await cell.boundingBox())?.y));
    expect(new Set(tops).size).toBe(1);
  });

  it('says a closed queue is closed and when it opens, in the queue’s time zone, not an estimate', async () => {
    // Monday 12:00–17:00 in Paris: at NOW (10:00 UTC, 11:00 in Paris) closed, opening at noon.
    harness.built.metadata.saved('customers', {
      ...defaultQueueMetadata('customers'),
      timeZone: 'Europe/Paris',
      weeklyHours: {
        ...defaultQueueMetadata('customers').weeklyHours,
        monday: [{ open: '12:00', close: '17:00' }],
      },
    });
    const page = await harness.openPage({ timezoneId: 'America/New_York', locale: 'en-GB' });
    await logIn(page);
    const estimate = page.locator('#queues-body tr[data-queue="customers"] td.estimate');
    expect((await estimate.textContent())?.trim()).toBe(
      'Closedopens Mon 23 Nov, 12:00 Europe/Paris',
    );
    expect(await estimate.textContent()).not.toContain('about');
    // An open queue still shows its estimate.
    expect(
      await page
        .locator('#queues-body tr[data-queue="premium-customers"] td.estimate')
        .textContent(),
    ).toMatch(/^about /);
  });

  it('holds what callers were told to what they waited, in words and in a chart of the hour', async () => {
    const page = await harness.openPage();
    await logIn(page);
    const cell = '#queues-body tr[data-queue="customers"] td.accuracy';
    await expectText(page, cell, 'no caller told an estimate was taken this hour');

    const greeting = await call('customers');
    expect(greeting).toContain('Your estimated wait is');
    // Taken after ten minutes: whatever the greeting said, far from it.
    await postAsTwilio('/voice/dequeued?queue=customers', {
      CallSid: caller.CallSid,
      QueueTime: '600',
      DequeingCallSid: 'CAfeedfacefeedfacefeedfacefeedface',
    });

    await expectText(page, cell, '0 % within ±30 s or 20 %');
    await expectText(page, cell, '1 callers');
    const chart = page.locator(`${cell} svg.accuracy-chart`);
    await chart.waitFor();
    expect(await chart.locator('circle.told').count()).toBe(1);
    expect(await chart.locator('circle.waited').count()).toBe(1);
    // The legend in words, not code names.
    expect((await page.locator(`${cell} figcaption`).textContent())?.trim()).toBe(
      'told waited callers waiting',
    );
  });
});
