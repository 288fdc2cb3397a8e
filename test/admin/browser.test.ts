import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_CLOSED_MESSAGE, defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { signTwilioRequest } from '../../src/twilio/sign.js';
import { ADMIN_TOKEN, AUTH_TOKEN, buildTestApp } from '../support/test-app.js';
import { caller, demoQueues } from './demo-queues.js';

/*
 * The admin page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core;
 * never a downloaded browser), against the app listening on a loopback port. NOW (the app's
 * clock) is Monday 2026-11-23 10:00 UTC.
 *
 * No Chromium: on CI (CI=true) this suite fails and says how to install it; elsewhere it is
 * skipped with a notice. CHROMIUM_PATH points at another binary.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const haveChromium = existsSync(CHROMIUM);
const onCi = process.env.CI === 'true';
const missing = `Chromium not found at ${CHROMIUM} (CHROMIUM_PATH); install it with "apt-get install -y chromium"`;

if (!haveChromium && onCi) {
  it('the admin page in a browser: Chromium must be installed on CI', () => {
    throw new Error(`${missing}. On CI (CI=true) the browser tests must run.`);
  });
} else if (!haveChromium) {
  process.stderr.write(`\n[holdline tests] ${missing}. Skipping the admin browser tests.\n\n`);
}

jest.setTimeout(60_000);

/**
 * The DOM members the functions run in the page read. This file compiles without lib "dom"
 * (the project is Node code), so the page's elements are typed here, as far as they are used.
 */
interface PageElement {
  readonly id: string;
  readonly textContent: string | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly children: Iterable<PageElement>;
  readonly ownerDocument: {
    readonly activeElement: PageElement | null;
    readonly documentElement: PageElement;
  };
}

const describeInBrowser = haveChromium ? describe : describe.skip;

describeInBrowser('the admin page in a browser', () => {
  let browser: Browser;
  let server: Server;
  let baseUrl: string;
  let built: ReturnType<typeof buildTestApp>;
  let context: BrowserContext | undefined;
  /** Script errors and console errors (a CSP violation is one): a page must have none. */
  let pageErrors: string[] = [];

  beforeAll(async () => {
    // The port first: PUBLIC_BASE_URL (the Origin check, signatures) must name it.
    let handle = (_req: IncomingMessage, res: ServerResponse): void => {
      res.writeHead(503).end();
    };
    server = createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    built = buildTestApp({ snapshot: demoQueues, env: { PUBLIC_BASE_URL: baseUrl } });
    handle = (req, res) => {
      built.app(req, res);
    };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  beforeEach(() => {
    pageErrors = [];
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(pageErrors).toEqual([]);
  });

  async function openPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    context = await browser.newContext({ viewport });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs every 4xx and 5xx answer as a failed load; the tests provoke some.
      const expected = /^Failed to load resource: the server responded with a status of [45]\d\d/;
      if (message.type() === 'error' && !expected.test(message.text())) {
        pageErrors.push(`console: ${message.text()}`);
      }
    });
    await page.goto(`${baseUrl}/admin`);
    return page;
  }

  async function logIn(page: Page): Promise<void> {
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#queues-body tr[data-queue="customers"]').waitFor();
  }

  async function editQueue(page: Page, queue: string): Promise<void> {
    await page.getByLabel('Queue', { exact: true }).selectOption(queue);
    await page.getByRole('button', { name: 'Edit settings' }).click();
    await page.locator('#metadata-form').waitFor();
    await expectText(page, '#editor-status', `Loaded the settings of ${queue} (version `);
  }

  /** Waits (up to 10 s) until the element shows `text` (whitespace-normalised substring). */
  async function expectText(page: Page, selector: string, text: string): Promise<void> {
    try {
      await page.locator(selector).filter({ hasText: text }).waitFor({ timeout: 10_000 });
    } catch {
      const actual = await page.locator(selector).first().textContent();
      throw new Error(`${selector} should contain "${text}" but reads "${actual}"`);
    }
  }

  const focusedId = (page: Page) =>
    page.locator('body').evaluate((body: PageElement) => body.ownerDocument.activeElement?.id);

  const call = (queue: string) => {
    const url = `${baseUrl}/voice/incoming?queue=${queue}`;
    return fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signTwilioRequest(AUTH_TOKEN, url, caller),
      },
      body: new URLSearchParams(caller).toString(),
    }).then((res) => res.text());
  };

  it('logs in, shows the queues, and an edit that closes a queue today turns its next caller away', async () => {
    const page = await openPage();
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
    expect(rows[0]?.[5]).toBe('1 / 4');
    expect(rows[0]?.[6]).toBe('30 s: 75 %');
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

  it('shows the server’s problem next to an invalid time, marked for assistive technology', async () => {
    const page = await openPage();
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

  it('says clearly when someone else saved the queue first, and reloads their version', async () => {
    const page = await openPage();
    await logIn(page);
    const current = await built.metadataStore.get('premium-customers');
    await editQueue(page, 'premium-customers');
    // Another supervisor saves meanwhile.
    const theirs = { ...defaultQueueMetadata('premium-customers'), displayName: 'VIP line' };
    await built.metadataStore.update('premium-customers', theirs, current?.version ?? 0);

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
    const page = await openPage();
    await logIn(page);
    await page.route('**/admin/api/queues', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'SOMETHING_DOWN', message: 'Down for a test' } }),
      }),
    );
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
    const page = await openPage();
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

  it('fits a phone (390×844): the page never scrolls sideways, the table scrolls in its box', async () => {
    const page = await openPage({ width: 390, height: 844 });
    /** How far the page, and its body, are wider than the screen (0 = no sideways scrolling). */
    const overflow = () =>
      page.locator('body').evaluate((body: PageElement) => ({
        page:
          body.ownerDocument.documentElement.scrollWidth -
          body.ownerDocument.documentElement.clientWidth,
        body: body.scrollWidth - body.clientWidth,
      }));
    expect(await overflow()).toEqual({ page: 0, body: 0 });
    await logIn(page);
    await editQueue(page, 'customers');
    expect(await overflow()).toEqual({ page: 0, body: 0 });
    const box = await page.locator('.table-scroll').evaluate((node: PageElement) => ({
      scrolls: node.scrollWidth > node.clientWidth,
      width: node.clientWidth,
    }));
    expect(box.scrolls).toBe(true);
    expect(box.width).toBeLessThanOrEqual(390);
  });
});
