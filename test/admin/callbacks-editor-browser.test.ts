import type { Page } from 'playwright-core';
import {
  describeInBrowser,
  expectText,
  logIn,
  requireChromium,
  useAdminBrowser,
} from './browser-harness.js';

/*
 * The queue editor's callback and voicemail settings in headless Chromium (browser-harness.ts):
 * a supervisor turns the offer on, and a save of anything else keeps it (the form sends every
 * field, so a setting it did not show would be erased).
 */
requireChromium('the callback settings in a browser');
jest.setTimeout(60_000);

describeInBrowser('the callback settings in a browser', () => {
  const harness = useAdminBrowser();

  async function editCustomers(): Promise<Page> {
    const page = await harness.openPage({ timezoneId: 'UTC', locale: 'en-GB' });
    await logIn(page);
    await page.getByLabel('Queue', { exact: true }).selectOption('customers');
    await page.getByRole('button', { name: 'Edit settings' }).click();
    await expectText(page, '#editor-status', 'Loaded the settings of customers (version ');
    return page;
  }

  const stored = async () => (await harness.built.metadataStore.get('customers'))?.metadata;

  it('turns the offer on, keeps it through another save, and off when cleared', async () => {
    const page = await editCustomers();
    await page.getByLabel('Offer above (seconds of wait)').fill('240');
    await page.getByLabel('Calls before it fails').fill('2');
    await page.getByLabel('Seconds between calls').fill('600');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of customers (version 2).');
    expect(await stored()).toMatchObject({
      callbackOfferSeconds: 240,
      callbackMaxAttempts: 2,
      callbackRetrySeconds: 600,
    });

    await page.getByLabel('Display name').fill('Customers');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of Customers (version 3).');
    expect((await stored())?.callbackOfferSeconds).toBe(240);
    expect(await page.getByLabel('Offer above (seconds of wait)').inputValue()).toBe('240');

    await page.getByLabel('Offer above (seconds of wait)').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of Customers (version 4).');
    expect(await stored()).not.toHaveProperty('callbackOfferSeconds');
    expect((await stored())?.callbackMaxAttempts).toBe(2);
  });

  it('shows the server’s problem next to a retry delay under a minute', async () => {
    const page = await editCustomers();
    await page.getByLabel('Seconds between calls').fill('30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Not saved: 1 problem.');
    expect(await page.locator('#f-callbackRetrySeconds').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-callbackRetrySeconds-error').textContent()).not.toBe('');
  });

  it('turns messages on with a transcription, keeps both through another save, and off', async () => {
    const page = await editCustomers();
    await page.getByLabel('Offer above (seconds of wait)').fill('240');
    await page.getByLabel('Longest message (seconds)').fill('90');
    await page.getByLabel('Transcribe messages').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of customers (version 2).');
    expect(await stored()).toMatchObject({ voicemailMaxSeconds: 90, voicemailTranscribe: true });

    await page.getByLabel('Display name').fill('Customers');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of Customers (version 3).');
    expect(await stored()).toMatchObject({ voicemailMaxSeconds: 90, voicemailTranscribe: true });
    expect(await page.getByLabel('Longest message (seconds)').inputValue()).toBe('90');
    expect(await page.getByLabel('Transcribe messages').isChecked()).toBe(true);

    await page.getByLabel('Longest message (seconds)').fill('');
    await page.getByLabel('Transcribe messages').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Saved the settings of Customers (version 4).');
    expect(await stored()).not.toHaveProperty('voicemailMaxSeconds');
    expect(await stored()).not.toHaveProperty('voicemailTranscribe');
    expect((await stored())?.callbackOfferSeconds).toBe(240);
  });

  it('shows the server’s problem next to a transcription of messages over 120 s', async () => {
    const page = await editCustomers();
    await page.getByLabel('Longest message (seconds)').fill('300');
    await page.getByLabel('Transcribe messages').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, '#editor-status', 'Not saved: 1 problem.');
    expect(await page.locator('#f-voicemailTranscribe').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-voicemailTranscribe-error').textContent()).toContain('120');
    expect(await stored()).not.toHaveProperty('voicemailMaxSeconds');
  });
});
