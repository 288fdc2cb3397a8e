import type { Page } from 'playwright-core';
import { EmbeddedSurveyStore } from '../../src/survey/embedded-survey-store.js';
import { NOW } from '../support/test-app.js';
import {
  describeInBrowser,
  expectText,
  logIn,
  requireChromium,
  useAdminBrowser,
  type PageElement,
} from './browser-harness.js';

/*
 * The admin page's SMS survey parts in headless Chromium (browser-harness.ts): the caller
 * satisfaction table and the survey settings of the queue editor. NOW (the app's clock) is
 * Monday 2026-11-23 10:00 UTC.
 */
requireChromium('the survey sections in a browser');
jest.setTimeout(60_000);

/** A survey for `callSid` in `queue`, sent and answered with `score` at `at`. */
async function answered(
  store: EmbeddedSurveyStore,
  callSid: string,
  queue: string,
  score: number,
  at: number,
) {
  await store.schedule({ callSid, queue, phone: '+14155550101', createdAt: at, dueAt: at });
  await store.settle(callSid, { status: 'sent', messageSid: `SM${callSid}`, at });
  await store.respond(callSid, { score, at });
}

describeInBrowser('the survey sections in a browser', () => {
  const harness = useAdminBrowser();

  async function withSurveys(): Promise<Page> {
    const store = EmbeddedSurveyStore.inMemory();
    await answered(store, 'CA1', 'customers', 5, NOW - 3_600_000);
    await answered(store, 'CA2', 'customers', 4, NOW - 7_200_000);
    await answered(store, 'CA3', 'customers', 1, NOW - 3 * 86_400_000);
    harness.rebuild({ surveyStore: store });
    await harness.built.survey?.satisfaction.refresh();
    const page = await harness.openPage({ timezoneId: 'UTC', locale: 'en-GB' });
    await logIn(page);
    return page;
  }

  it('shows each queue’s satisfaction over the last day and week, with the week’s scores', async () => {
    const page = await withSurveys();
    await page.locator('#satisfaction-body tr[data-queue="customers"]').waitFor();

    const rows = await page
      .locator('#satisfaction-body tr')
      .evaluateAll((trs: PageElement[]) =>
        trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')),
      );
    expect(rows).toEqual([
      ['premium-customers', '—no scores', '—no scores', '1: 02: 03: 04: 05: 0'],
      ['customers', '4.5 / 52 scores', '3.3 / 53 scores', '1: 12: 03: 04: 15: 1'],
    ]);
    expect(await page.getByRole('heading', { name: 'Caller satisfaction' }).isVisible()).toBe(true);
  });

  it('edits a queue’s survey settings, and saving other settings keeps them', async () => {
    const page = await withSurveys();
    await page.getByLabel('Queue', { exact: true }).selectOption('customers');
    await page.getByRole('button', { name: 'Edit settings' }).click();
    await expectText(page, '#editor-status', 'Loaded the settings of customers (version ');

    await page.getByLabel('Send the survey').check();
    await page.getByLabel('Survey text').fill('How did we do? Reply 1 to 5.');
    await page.getByLabel('Seconds after the call').fill('300');
    await page.getByLabel('Quiet from').fill('21:00');
    await page.getByLabel('Quiet until').fill('09:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of customers (version 2).');
    const survey = {
      enabled: true,
      wording: 'How did we do? Reply 1 to 5.',
      delaySeconds: 300,
      quietHours: { start: '21:00', end: '09:00' },
    };
    expect((await harness.built.metadataStore.get('customers'))?.metadata.survey).toEqual(survey);

    await page.getByLabel('Display name').fill('Customers');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of Customers (version 3).');
    expect((await harness.built.metadataStore.get('customers'))?.metadata.survey).toEqual(survey);
    expect(await page.getByLabel('Send the survey').isChecked()).toBe(true);
  });

  it('shows the server’s problem next to a bad quiet-hours time', async () => {
    const page = await withSurveys();
    await page.getByLabel('Queue', { exact: true }).selectOption('customers');
    await page.getByRole('button', { name: 'Edit settings' }).click();
    await expectText(page, '#editor-status', 'Loaded the settings of customers (version ');
    await page.getByLabel('Send the survey').check();
    await page.getByLabel('Survey text').fill('Score us 1 to 5');
    await page.getByLabel('Quiet from').fill('9pm');
    await page.getByLabel('Quiet until').fill('09:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Not saved: 1 problem.');

    expect(await page.locator('#f-survey-quietHours-start').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.locator('#f-survey-quietHours-start-error').textContent()).toContain('HH:MM');
  });
});
