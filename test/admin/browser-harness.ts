import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { ADMIN_TOKEN, buildTestApp } from '../support/test-app.js';
import { demoQueues } from './demo-queues.js';

/*
 * The admin page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core;
 * never a downloaded browser), against the app listening on a loopback port: what the browser
 * test files share. The app's clock is NOW, Monday 2026-11-23 10:00 UTC.
 *
 * No Chromium: on CI (CI=true) a browser suite fails and says how to install it; elsewhere it is
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

/** `describe` when Chromium is there, else `describe.skip`. */
export const describeInBrowser = haveChromium ? describe : describe.skip;

/**
 * Call at the top level of a browser test file: without Chromium, on CI a test that fails and
 * says why, elsewhere a notice that the file's browser tests are skipped.
 */
export function requireChromium(what: string): void {
  const missing = `Chromium not found at ${CHROMIUM} (CHROMIUM_PATH); install it with "apt-get install -y chromium"`;
  if (haveChromium) return;
  if (process.env.CI === 'true') {
    it(`${what}: Chromium must be installed on CI`, () => {
      throw new Error(`${missing}. On CI (CI=true) the browser tests must run.`);
    });
    return;
  }
  process.stderr.write(`\n[holdline tests] ${missing}. Skipping ${what}.\n\n`);
}

/**
 * The DOM members the functions run in the page read. The tests compile without lib "dom" (the
 * project is Node code), so the page's elements are typed here, as far as they are used.
 */
export interface PageElement {
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

export type TestApp = ReturnType<typeof buildTestApp>;

export interface PageOptions {
  readonly viewport?: { width: number; height: number };
  /** For dates and numbers as the page formats them: e.g. 'UTC' and 'en-GB'. */
  readonly timezoneId?: BrowserContextOptions['timezoneId'];
  readonly locale?: BrowserContextOptions['locale'];
}

export interface AdminBrowser {
  /** The app behind the port, with the demo queues: built afresh for each test. */
  readonly built: TestApp;
  readonly baseUrl: string;
  /** Builds this test's app afresh with other options (before openPage). */
  rebuild(options: Parameters<typeof buildTestApp>[0]): void;
  /** A new browser context at /admin (the login page); script or console errors fail the test. */
  openPage(options?: PageOptions): Promise<Page>;
}

/**
 * Registers, in the calling describe block, the hooks that start Chromium and a server once,
 * build a new app for each test, and check after each that its page had no script errors.
 */
export function useAdminBrowser(): AdminBrowser {
  let browser: Browser;
  let server: Server;
  let baseUrl: string;
  let built: TestApp;
  let context: BrowserContext | undefined;
  /** Script errors and console errors (a CSP violation is one): a page must have none. */
  let pageErrors: string[] = [];

  beforeAll(async () => {
    // The port first: PUBLIC_BASE_URL (the Origin check, signatures) must name it.
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      built.app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  beforeEach(() => {
    pageErrors = [];
    built = buildTestApp({ snapshot: demoQueues, env: { PUBLIC_BASE_URL: baseUrl } });
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(pageErrors).toEqual([]);
  });

  async function openPage(options: PageOptions = {}): Promise<Page> {
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
      ...(options.locale === undefined ? {} : { locale: options.locale }),
    });
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

  return {
    get built() {
      return built;
    },
    get baseUrl() {
      return baseUrl;
    },
    rebuild(options) {
      built = buildTestApp({
        snapshot: demoQueues,
        ...options,
        env: { ...options?.env, PUBLIC_BASE_URL: baseUrl },
      });
    },
    openPage,
  };
}

/** Logs in from the login page; done when the queue table shows the demo queues. */
/** From now on, the admin API answers requests matching `pattern` with this error. */
export async function answerApiWith(
  page: Page,
  pattern: string,
  status: number,
  error: { code: string; message: string },
): Promise<void> {
  await page.route(pattern, (route) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error }) }),
  );
}

export async function logIn(page: Page): Promise<void> {
  await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('#queues-body tr[data-queue="customers"]').waitFor();
}

/** Waits (up to 10 s) until the element shows `text` (whitespace-normalised substring). */
export async function expectText(page: Page, selector: string, text: string): Promise<void> {
  try {
    await page.locator(selector).filter({ hasText: text }).waitFor({ timeout: 10_000 });
  } catch {
    const actual = await page.locator(selector).first().textContent();
    throw new Error(`${selector} should contain "${text}" but reads "${actual}"`);
  }
}

export const focusedId = (page: Page) =>
  page.locator('body').evaluate((body: PageElement) => body.ownerDocument.activeElement?.id);

/** How far the page, and its body, are wider than the screen (0 = no sideways scrolling). */
export const sidewaysOverflow = (page: Page) =>
  page.locator('body').evaluate((body: PageElement) => ({
    page:
      body.ownerDocument.documentElement.scrollWidth -
      body.ownerDocument.documentElement.clientWidth,
    body: body.scrollWidth - body.clientWidth,
  }));
