import type { Page } from 'playwright-core';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';
import { voicemailIdOf } from '../../src/voicemail/voicemail.js';
import { NOW } from '../support/test-app.js';
import {
  answerApiWith,
  describeInBrowser,
  expectText,
  logIn,
  requireChromium,
  type PageElement,
  sidewaysOverflow,
  useAdminBrowser,
} from './browser-harness.js';

/*
 * The dashboard's "Voicemails" section in headless Chromium (browser-harness.ts). Messages are
 * made through the store the app reads, as the voice webhooks would: the caller presses 2
 * (request), the recording arrives (saveRecording), then its transcription. The recording's
 * audio route is not this page's: the tests check the player and the URL it would stream from,
 * and that the page's Content-Security-Policy lets it load from there.
 */
requireChromium('the voicemails section in a browser');
jest.setTimeout(60_000);

const MINUTE = 60_000;
const sid = (n: number) => `CA${String(n).padStart(32, '0')}`;
const phone = (n: number) => `+1415555010${n}`;

/** The members of an <audio> element the tests read (the tests compile without lib "dom"). */
interface AudioElement {
  readonly controls: boolean;
  /** Null unless the last load failed (a failed element refuses play()). */
  readonly error: object | null;
  preload: string;
  load(): void;
}

describeInBrowser('the voicemails section in a browser', () => {
  const harness = useAdminBrowser();
  let voicemails: FileVoicemailStore;

  beforeEach(async () => {
    voicemails = await FileVoicemailStore.open(undefined);
    harness.rebuild({ voicemails });
  });

  /** Caller n asked `minutesAgo` minutes before NOW to leave a message to `queue`. */
  const caller = (n: number, queue: string, minutesAgo: number, withheld = false) => ({
    queue,
    callerCallSid: sid(n),
    ...(withheld ? {} : { from: phone(n) }),
    requestedAt: NOW - minutesAgo * MINUTE,
  });

  /** A message recorded (seconds long) and, when given, transcribed. */
  async function leave(
    input: ReturnType<typeof caller>,
    seconds: number,
    transcription?: { status: 'completed' | 'failed'; text?: string },
  ): Promise<string> {
    await voicemails.request(input);
    const { voicemail } = await voicemails.saveRecording({
      ...input,
      recording: {
        sid: `RE${input.callerCallSid.slice(2)}`,
        url: `https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE${input.callerCallSid.slice(2)}`,
        durationSeconds: seconds,
        receivedAt: input.requestedAt + (seconds + 5) * 1000,
      },
    });
    if (transcription !== undefined) {
      await voicemails.saveTranscription(voicemail.id, {
        ...transcription,
        receivedAt: input.requestedAt + MINUTE,
      });
    }
    return voicemail.id;
  }

  async function openVoicemails(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await harness.openPage({
      timezoneId: 'UTC',
      locale: 'en-GB',
      ...(viewport === undefined ? {} : { viewport }),
    });
    await logIn(page);
    return page;
  }

  const entry = (page: Page, id: string) =>
    page.locator(`#voicemails-list li[data-voicemail="${id}"]`);
  const markDone = (page: Page, from: string) =>
    page.getByRole('button', { name: `Mark done the message from ${from}`, exact: true });

  it('lists the messages newest first: caller, queue, time, length, transcription and a player', async () => {
    const older = await leave(caller(1, 'customers', 50), 42, {
      status: 'completed',
      text: 'Hi, this is Ada about my order 1234. Please call me back.',
    });
    const failed = await leave(caller(2, 'premium-customers', 20, true), 75, { status: 'failed' });
    await voicemails.request(caller(3, 'customers', 1));
    const recording = voicemailIdOf(sid(3));

    const page = await openVoicemails();
    await expectText(page, '#voicemails-count', '3 messages.');
    expect(
      await page
        .locator('#voicemails-list > li')
        .evaluateAll((items: { getAttribute(n: string): string | null }[]) =>
          items.map((item) => item.getAttribute('data-voicemail')),
        ),
    ).toEqual([recording, failed, older]);

    const ada = entry(page, older);
    expect(await ada.locator('h3').textContent()).toBe('From +14155550101');
    expect(await ada.locator('.badge').textContent()).toBe('New');
    expect(await ada.locator('.voicemail-about').textContent()).toBe(
      'to customers · Mon 23 Nov, 09:10 · 42 s',
    );
    expect(await ada.locator('.voicemail-transcription').textContent()).toBe(
      'Hi, this is Ada about my order 1234. Please call me back.',
    );
    const player = ada.locator('audio');
    expect(await player.getAttribute('src')).toBe(`/admin/api/voicemails/${older}/recording`);
    expect(await player.getAttribute('preload')).toBe('none');
    expect(await player.evaluate((audio: AudioElement) => audio.controls)).toBe(true);
    expect(await player.getAttribute('aria-label')).toBe('Message from +14155550101');
    expect(await markDone(page, '+14155550101').isVisible()).toBe(true);

    const withheld = entry(page, failed);
    expect(await withheld.locator('h3').textContent()).toBe('From a withheld number');
    expect(await withheld.locator('.voicemail-about').textContent()).toBe(
      'to premium-customers · Mon 23 Nov, 09:40 · 1 min 15 s',
    );
    expect(await withheld.locator('.voicemail-transcription').textContent()).toBe(
      'Twilio could not transcribe this message.',
    );

    // Nothing recorded yet: nothing to play; it can be cleared (the caller may have hung up).
    const inProgress = entry(page, recording);
    expect(await inProgress.locator('.badge').textContent()).toBe('No recording yet');
    expect(await inProgress.locator('.voicemail-transcription').textContent()).toBe(
      'No recording has arrived yet.',
    );
    expect(await inProgress.locator('audio').isHidden()).toBe(true);
    expect(await inProgress.locator('audio').getAttribute('src')).toBeNull();
    expect(await inProgress.getByRole('button', { name: /^Mark done/ }).count()).toBe(1);
  });

  it('the page’s Content-Security-Policy lets the player load its recording from the app', async () => {
    const id = await leave(caller(1, 'customers', 5), 3);
    const page = await openVoicemails();
    await entry(page, id).locator('audio').waitFor();
    // The audio route is another part's: here it answers a few bytes as the app would type them.
    await page.route('**/admin/api/voicemails/*/recording', (route) =>
      route.fulfill({ status: 200, contentType: 'audio/mpeg', body: Buffer.alloc(64) }),
    );
    const asked = page.waitForRequest((req) =>
      req.url().endsWith(`/admin/api/voicemails/${id}/recording`),
    );
    // preload=none: nothing is fetched until asked; a CSP refusal would fail the test as a
    // console error, and the request would never be made.
    await entry(page, id)
      .locator('audio')
      .evaluate((audio: AudioElement) => {
        audio.preload = 'auto';
        audio.load();
      });
    await asked;
  });

  it('when the recording cannot be fetched, says so under the player', async () => {
    const id = await leave(caller(1, 'customers', 5), 3);
    const page = await openVoicemails();
    await entry(page, id).locator('audio').waitFor();
    await answerApiWith(page, '**/admin/api/voicemails/*/recording', 502, {
      code: 'RECORDING_UNAVAILABLE',
      message: 'The recording cannot be fetched from Twilio now',
    });
    expect(await entry(page, id).locator('.voicemail-player-error').isHidden()).toBe(true);
    await entry(page, id)
      .locator('audio')
      .evaluate((audio: AudioElement) => {
        audio.preload = 'auto';
        audio.load();
      });
    await expectText(
      page,
      `#voicemails-list li[data-voicemail="${id}"] .voicemail-player-error`,
      'The recording could not be loaded. Try again in a moment.',
    );
    // Ready to try again: a failed media element would refuse the next play() outright.
    const player = entry(page, id).locator('audio');
    await page.waitForFunction(
      (audio) => (audio as AudioElement).error === null,
      await player.elementHandle(),
    );
    expect(await player.getAttribute('preload')).toBe('none');
  });

  it('marks a message done with the session’s CSRF token; it stays done after a reload', async () => {
    const id = await leave(caller(1, 'customers', 50), 42, { status: 'completed', text: 'Hello' });
    const page = await openVoicemails();
    await expectText(page, '#voicemails-count', '1 message.');
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');

    const posted = page.waitForRequest((req) => req.method() === 'POST');
    await markDone(page, '+14155550101').click();
    const request = await posted;
    expect(request.url()).toBe(`${harness.baseUrl}/admin/api/voicemails/${id}/done`);
    expect(request.headers()['x-csrf-token']).toBe(csrf);

    await expectText(page, '#voicemails-status', 'Marked the message from +14155550101 done.');
    expect(await entry(page, id).getAttribute('data-state')).toBe('done');
    expect(await entry(page, id).locator('.badge').textContent()).toBe('Done');
    expect(await markDone(page, '+14155550101').count()).toBe(0);
    // The button went away under the keyboard user's focus: focus stays at the message.
    expect(
      await entry(page, id)
        .locator('h3')
        .evaluate((h: PageElement) => h === h.ownerDocument.activeElement),
    ).toBe(true);
    expect(await voicemails.get(id)).toMatchObject({ state: 'done', doneAt: NOW });

    await page.reload();
    await entry(page, id).waitFor();
    expect(await entry(page, id).getAttribute('data-state')).toBe('done');
    expect(await entry(page, id).locator('.voicemail-about').textContent()).toBe(
      'to customers · Mon 23 Nov, 09:10 · 42 s · done Mon 23 Nov, 10:00',
    );
    expect(await markDone(page, '+14155550101').count()).toBe(0);
  });

  it('when marking done fails, shows the server’s problem and leaves the message new', async () => {
    const id = await leave(caller(1, 'customers', 50), 42);
    const page = await openVoicemails();
    await expectText(page, '#voicemails-count', '1 message.');
    await answerApiWith(page, '**/admin/api/voicemails/*/done', 503, {
      code: 'VOICEMAILS_UNAVAILABLE',
      message: 'The voicemails cannot be read or changed now',
    });
    await markDone(page, '+14155550101').click();
    await expectText(
      page,
      '#voicemails-status',
      'Could not mark the message from +14155550101 done: The voicemails cannot be read or changed now (VOICEMAILS_UNAVAILABLE)',
    );
    expect(await entry(page, id).getAttribute('data-state')).toBe('new');
    expect(await markDone(page, '+14155550101').isEnabled()).toBe(true);
    expect((await voicemails.get(id))?.state).toBe('new');
  });

  it('filters by state on the server; a refresh brings in a new message', async () => {
    const done = await leave(caller(1, 'customers', 50), 42);
    await voicemails.markDone(done, NOW - MINUTE);
    await leave(caller(2, 'customers', 30), 12);
    const page = await openVoicemails();
    await expectText(page, '#voicemails-count', '2 messages.');
    expect(await entry(page, done).getAttribute('data-state')).toBe('done');

    const asked = page.waitForRequest((req) =>
      req.url().endsWith('/admin/api/voicemails?state=new'),
    );
    await page.getByLabel('Show the messages').selectOption('new');
    await asked;
    await expectText(page, '#voicemails-count', '1 new message.');
    expect(await entry(page, done).count()).toBe(0);

    await leave(caller(3, 'premium-customers', 2), 20);
    // No reload: the next refresh (every 5 seconds) shows it, first.
    await expectText(page, '#voicemails-count', '2 new messages.');
    expect(await page.locator('#voicemails-list h3').allTextContents()).toEqual([
      'From +14155550103',
      'From +14155550102',
    ]);

    await page.getByLabel('Show the messages').selectOption('requested');
    await expectText(page, '#voicemails-empty', 'No messages waiting for their recording.');
  });

  it('when a refresh fails, says so in the section’s banner and keeps the last list', async () => {
    await leave(caller(1, 'customers', 50), 42);
    const page = await openVoicemails();
    await expectText(page, '#voicemails-count', '1 message.');
    await answerApiWith(page, '**/admin/api/voicemails*', 503, {
      code: 'VOICEMAILS_UNAVAILABLE',
      message: 'The voicemails cannot be read or changed now',
    });
    await expectText(
      page,
      '#voicemails-error',
      'Could not refresh the voicemails: The voicemails cannot be read or changed now (VOICEMAILS_UNAVAILABLE).',
    );
    expect(await page.locator('#voicemails-list > li').count()).toBe(1);
  });

  it('on a server without voicemail, says it is off, without an error or a filter', async () => {
    harness.rebuild({});
    const page = await openVoicemails();
    await expectText(page, '#voicemails-empty', 'Voicemail is off on this server.');
    expect(await page.locator('#voicemails-filter').isHidden()).toBe(true);
    expect(await page.locator('#voicemails-error').isHidden()).toBe(true);
  });

  it('fits a phone (390×844): nothing scrolls sideways', async () => {
    await leave(caller(1, 'customers', 50), 42, {
      status: 'completed',
      text: 'A long message that goes on and on about the order and the delivery and the refund.',
    });
    const page = await openVoicemails({ width: 390, height: 844 });
    await expectText(page, '#voicemails-count', '1 message.');
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, body: 0 });
  });
});
