import type { Page } from 'playwright-core';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { NOW } from '../support/test-app.js';
import {
  answerApiWith,
  describeInBrowser,
  expectText,
  logIn,
  requireChromium,
  sidewaysOverflow,
  useAdminBrowser,
} from './browser-harness.js';

/*
 * The dashboard's "Callbacks" section in headless Chromium (browser-harness.ts). Callbacks are
 * made and moved through the store the app reads, as the voice webhooks and the dialing would.
 */
requireChromium('the callbacks section in a browser');
jest.setTimeout(60_000);

const MINUTE = 60_000;
const sid = (n: number) => `CA${String(n).padStart(32, '0')}`;

describeInBrowser('the callbacks section in a browser', () => {
  const harness = useAdminBrowser();
  let callbacks: FileCallbackStore;

  beforeEach(async () => {
    callbacks = await FileCallbackStore.open(undefined);
    harness.rebuild({ callbacks });
  });

  /** A callback of `queue` entered `enteredMin` minutes before NOW, asked for a minute later. */
  async function callback(n: number, queue: string, enteredMin: number) {
    const { callback: made } = await callbacks.request({
      queue,
      phone: `+1415555010${n}`,
      callerCallSid: sid(n),
      enteredAt: NOW - enteredMin * MINUTE,
      requestedAt: NOW - (enteredMin - 1) * MINUTE,
    });
    return made.id;
  }

  async function openCallbacks(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await harness.openPage({
      timezoneId: 'UTC',
      locale: 'en-GB',
      ...(viewport === undefined ? {} : { viewport }),
    });
    await logIn(page);
    return page;
  }

  /** Each row's cells as text, in the order shown (without the Actions cell). */
  const rows = (page: Page) =>
    page
      .locator('#callbacks-body tr')
      .evaluateAll((trs: { children: ArrayLike<{ textContent: string | null }> }[]) =>
        trs.map((tr) =>
          Array.from(tr.children, (cell) => (cell.textContent ?? '').trim()).slice(0, 7),
        ),
      );
  const cancelButton = (page: Page, phone: string) =>
    page.getByRole('button', { name: `Cancel the callback to ${phone}`, exact: true });

  it('lists waiting and dialing callbacks first in place order, then the finished ones, with their last note', async () => {
    const failed = await callback(1, 'customers', 30);
    await callbacks.move(failed, ['waiting'], { state: 'dialing', at: NOW - 20 * MINUTE });
    await callbacks.move(failed, ['dialing'], {
      state: 'failed',
      at: NOW - 10 * MINUTE,
      note: 'not reached after 3 calls',
      attempts: 3,
    });
    await callback(2, 'customers', 12);
    const dialing = await callback(3, 'premium-customers', 20);
    await callbacks.move(dialing, ['waiting'], {
      state: 'dialing',
      at: NOW - MINUTE,
      countAttempt: true,
    });
    const connected = await callback(4, 'customers', 40);
    await callbacks.move(connected, ['waiting'], { state: 'connected', at: NOW - 5 * MINUTE });

    const page = await openCallbacks();
    await page.locator('#callbacks-body tr').nth(3).waitFor();
    expect(await rows(page)).toEqual([
      ['+14155550103', 'premium-customers', 'Dialing', 'Mon 09:40', 'Mon 09:41', '1', '—'],
      ['+14155550102', 'customers', 'Waiting', 'Mon 09:48', 'Mon 09:49', '0', '—'],
      ['+14155550104', 'customers', 'Connected', 'Mon 09:20', 'Mon 09:21', '0', '—'],
      [
        '+14155550101',
        'customers',
        'Failed',
        'Mon 09:30',
        'Mon 09:31',
        '3',
        'not reached after 3 calls',
      ],
    ]);
    await expectText(page, '#callbacks-count', '4 callbacks.');
    expect(await page.locator('#callbacks-body tr').first().getAttribute('data-state')).toBe(
      'dialing',
    );
  });

  it('filters by state on the server, and the refresh loop brings in a new callback', async () => {
    const failed = await callback(1, 'customers', 30);
    await callbacks.move(failed, ['waiting'], { state: 'failed', at: NOW - 10 * MINUTE });
    await callback(2, 'customers', 12);
    const page = await openCallbacks();
    await expectText(page, '#callbacks-count', '2 callbacks.');

    const asked = page.waitForRequest((req) =>
      req.url().endsWith('/admin/api/callbacks?state=failed'),
    );
    await page.getByLabel('Show the callbacks').selectOption('failed');
    await asked;
    await expectText(page, '#callbacks-count', '1 failed callback.');
    expect((await rows(page)).map((row) => row[0])).toEqual(['+14155550101']);

    await page.getByLabel('Show the callbacks').selectOption('canceled');
    await expectText(page, '#callbacks-empty', 'No canceled callbacks.');
    expect(await page.locator('#callbacks-scroll').isHidden()).toBe(true);

    await page.getByLabel('Show the callbacks').selectOption('waiting');
    await expectText(page, '#callbacks-count', '1 waiting callback.');
    await callback(5, 'premium-customers', 5);
    // No reload: the next refresh (every 5 seconds) shows it, behind the earlier place.
    await expectText(page, '#callbacks-count', '2 waiting callbacks.');
    expect((await rows(page)).map((row) => row[0])).toEqual(['+14155550102', '+14155550105']);
  });

  it('cancels a waiting callback once the supervisor confirms; a dialing one has no Cancel', async () => {
    const waiting = await callback(2, 'customers', 12);
    const dialing = await callback(3, 'customers', 20);
    await callbacks.move(dialing, ['waiting'], { state: 'dialing', at: NOW - MINUTE });
    const page = await openCallbacks();
    await expectText(page, '#callbacks-count', '2 callbacks.');
    expect(await cancelButton(page, '+14155550103').count()).toBe(0);

    // Dismissed: nothing is sent.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await cancelButton(page, '+14155550102').click();
    expect((await callbacks.get(waiting))?.state).toBe('waiting');

    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.accept();
    });
    const posted = page.waitForRequest((req) => req.method() === 'POST');
    await cancelButton(page, '+14155550102').click();
    const request = await posted;
    expect(request.url()).toBe(`${harness.baseUrl}/admin/api/callbacks/${waiting}/cancel`);
    expect(request.headers()['x-csrf-token']).toBe(
      await page.locator('meta[name="csrf-token"]').getAttribute('content'),
    );
    expect(questions).toEqual([
      'Cancel the callback to +14155550102? The caller loses their place in line.',
    ]);
    await expectText(page, '#callbacks-status', 'Canceled the callback to +14155550102.');
    expect(
      await page
        .locator(`#callbacks-body tr[data-callback="${waiting}"]`)
        .getAttribute('data-state'),
    ).toBe('canceled');
    expect(await cancelButton(page, '+14155550102').count()).toBe(0);
    expect((await callbacks.get(waiting))?.state).toBe('canceled');
  });

  it('when a cancel is refused, shows the server’s problem', async () => {
    await callback(2, 'customers', 12);
    const page = await openCallbacks();
    await expectText(page, '#callbacks-count', '1 callback.');
    await answerApiWith(page, '**/admin/api/callbacks/*/cancel', 409, {
      code: 'CALLBACK_NOT_WAITING',
      message: 'The callback is dialing: only a waiting one can be canceled',
    });
    page.once('dialog', (dialog) => void dialog.accept());
    await cancelButton(page, '+14155550102').click();
    await expectText(
      page,
      '#callbacks-status',
      'Could not cancel the callback to +14155550102: The callback is dialing: only a waiting one can be canceled (CALLBACK_NOT_WAITING)',
    );
    expect(await cancelButton(page, '+14155550102').isEnabled()).toBe(true);
  });

  it('when a refresh fails, says so in the section’s banner and keeps the last table', async () => {
    await callback(2, 'customers', 12);
    const page = await openCallbacks();
    await expectText(page, '#callbacks-count', '1 callback.');
    await answerApiWith(page, '**/admin/api/callbacks*', 503, {
      code: 'CALLBACKS_UNAVAILABLE',
      message: 'The callbacks cannot be read right now',
    });
    await expectText(
      page,
      '#callbacks-error',
      'Could not refresh the callbacks: The callbacks cannot be read right now (CALLBACKS_UNAVAILABLE).',
    );
    expect((await rows(page)).map((row) => row[0])).toEqual(['+14155550102']);
    await page.unroute('**/admin/api/callbacks*');
    await page.locator('#callbacks-error').waitFor({ state: 'hidden' });
  });

  it('on a server without callbacks, says they are off, without an error or a filter', async () => {
    harness.rebuild({});
    const page = await openCallbacks();
    await expectText(page, '#callbacks-empty', 'Callbacks are off on this server.');
    expect(await page.locator('#callbacks-filter').isHidden()).toBe(true);
    expect(await page.locator('#callbacks-error').isHidden()).toBe(true);
  });

  it('fits a phone (390×844): one card per callback, nothing scrolls sideways', async () => {
    await callback(2, 'customers', 12);
    const failed = await callback(3, 'customers', 20);
    await callbacks.move(failed, ['waiting'], { state: 'failed', at: NOW - MINUTE });
    const page = await openCallbacks({ width: 390, height: 844 });
    await expectText(page, '#callbacks-count', '2 callbacks.');
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, body: 0 });
    expect(await page.locator('#callbacks-body td').first().getAttribute('data-label')).toBe(
      'Queue',
    );
    expect(await cancelButton(page, '+14155550102').isVisible()).toBe(true);
    // A finished callback's card has no empty Actions line.
    const actions = page.locator(
      `#callbacks-body tr[data-callback="${failed}"] td[data-label="Actions"]`,
    );
    expect(await actions.isHidden()).toBe(true);
  });
});
