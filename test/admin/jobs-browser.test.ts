import type { Page } from 'playwright-core';
import { NOW } from '../support/test-app.js';
import {
  describeInBrowser,
  expectText,
  logIn,
  requireChromium,
  sidewaysOverflow,
  useAdminBrowser,
  type TestApp,
  answerApiWith,
} from './browser-harness.js';

/*
 * The dashboard's "Background jobs" section in headless Chromium (browser-harness.ts). Jobs are
 * put straight into the app's job store, as a runner would leave them; the page reads them
 * through GET /admin/api/jobs. The app's clock is NOW, Monday 2026-11-23 10:00 UTC; pages run
 * in UTC with British English, so times read "Mon 10:00".
 */
requireChromium('the background jobs section in a browser');
jest.setTimeout(60_000);

/** The progress bar's members the tests read (the tests compile without lib "dom"). */
interface ProgressElement {
  readonly value: number;
  readonly max: number;
}

/** Content-box widths (px): the page's room in a job's card, and what its progress bar takes. */
interface BoxElement {
  readonly clientWidth: number;
  readonly parentElement: BoxElement | null;
  readonly ownerDocument: {
    readonly defaultView: {
      getComputedStyle(element: BoxElement): { paddingLeft: string; paddingRight: string };
    } | null;
  };
  getBoundingClientRect(): { width: number };
}

const sid = (n: number) => `WK${String(n).padStart(32, '0')}`;
const WORKERS = Array.from({ length: 10 }, (_, n) => sid(n));
const FAILING = sid(3);
const REASON = 'TaskRouter answered 404: no such worker';

/**
 * A worker-eligibility job of 10 workers in batches of 5, its first batch done with one
 * failure: 4 done, 1 failed, 5 remaining, still running.
 */
async function halfDoneJob(built: TestApp): Promise<string> {
  const job = await built.jobs.create(
    { kind: 'worker-eligibility', items: WORKERS, batchSize: 5 },
    NOW,
  );
  const claim = await built.jobs.claim('browser-test', NOW, 60_000);
  if (claim?.jobId !== job.id) throw new Error('the job’s first batch could not be claimed');
  await built.jobs.complete(claim, { done: 4, failures: [{ item: FAILING, reason: REASON }] }, NOW);
  return job.id;
}

describeInBrowser('the background jobs section in a browser', () => {
  const harness = useAdminBrowser();

  async function openJobs(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await harness.openPage({
      timezoneId: 'UTC',
      locale: 'en-GB',
      ...(viewport === undefined ? {} : { viewport }),
    });
    await logIn(page);
    return page;
  }

  const jobEntry = (page: Page, id: string) => page.locator(`#jobs-list > li[data-job="${id}"]`);

  it('says "No background jobs yet." when there are none', async () => {
    expect(await harness.built.jobs.list(NOW)).toEqual([]);
    const page = await openJobs();
    await expectText(page, '#jobs-empty', 'No background jobs yet.');
    expect(await page.locator('#jobs-empty').isVisible()).toBe(true);
    expect(await page.locator('#jobs-list > li').count()).toBe(0);
    expect(await page.locator('#jobs-list').isHidden()).toBe(true);
  });

  it('shows a running job’s progress, counts and failures; Cancel cancels it', async () => {
    const id = await halfDoneJob(harness.built);
    const page = await openJobs();
    const entry = jobEntry(page, id);
    await entry.waitFor();
    expect(await page.locator('#jobs-empty').isHidden()).toBe(true);

    expect(await entry.locator('.job-kind').textContent()).toBe('Worker eligibility');
    expect(await entry.locator('.job-state').textContent()).toBe('Running');
    const bar = page.getByRole('progressbar', {
      name: 'Worker eligibility: 5 of 10 workers processed',
      exact: true,
    });
    expect(await bar.evaluate((node: ProgressElement) => [node.value, node.max])).toEqual([5, 10]);
    expect(await entry.locator('.job-counts').textContent()).toBe(
      'done 4 · failed 1 · remaining 5',
    );
    expect(await entry.locator('.job-times').textContent()).toMatch(/^Started Mon 10:00 · /);

    const failures = entry.locator('details.job-failures');
    expect(await failures.locator('summary').textContent()).toBe('1 failure');
    expect(await failures.locator('li').isVisible()).toBe(false);
    await failures.locator('summary').click();
    expect(await failures.locator('li').allTextContents()).toEqual([`${FAILING} — ${REASON}`]);
    expect(await failures.locator('li').isVisible()).toBe(true);

    const cancel = entry.getByRole('button', { name: 'Cancel' });
    expect(await cancel.textContent()).toBe('Cancel the Worker eligibility job started Mon 10:00');
    await cancel.click();
    await expectText(page, `#jobs-list > li[data-job="${id}"] .job-state`, 'Cancelled');
    await expectText(page, '#jobs-status', 'Cancelled the Worker eligibility job.');
    expect((await harness.built.jobs.progress(id, NOW))?.state).toBe('cancelled');
    expect(await entry.getAttribute('data-state')).toBe('cancelled');
    expect(await entry.locator('.job-times').textContent()).toBe(
      'Started Mon 10:00 · cancelled Mon 10:00',
    );
    expect(await cancel.count()).toBe(0);
    // Updated in place: the failure list someone opened stays open.
    expect(await failures.getAttribute('open')).toBe('');
    expect(await page.locator('#jobs-list > li').count()).toBe(1);
  });

  it('when a cancel fails, says why in the section’s status line and leaves the job running', async () => {
    const id = await halfDoneJob(harness.built);
    const page = await openJobs();
    await jobEntry(page, id).waitFor();
    await answerApiWith(page, '**/admin/api/jobs/*/cancel', 503, {
      code: 'JOBS_UNAVAILABLE',
      message: 'The job store cannot be reached.',
    });
    await jobEntry(page, id).getByRole('button', { name: 'Cancel' }).click();
    await expectText(
      page,
      '#jobs-status',
      'Could not cancel the Worker eligibility job: The job store cannot be reached.',
    );
    expect(await page.locator('#jobs-status').getAttribute('role')).toBe('status');
    expect((await harness.built.jobs.progress(id, NOW))?.state).toBe('running');
    expect(await jobEntry(page, id).locator('.job-state').textContent()).toBe('Running');
    expect(await jobEntry(page, id).getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
  });

  it('when a refresh fails, says so in a banner and keeps the last list; the next success clears it', async () => {
    const id = await halfDoneJob(harness.built);
    const page = await openJobs();
    await jobEntry(page, id).waitFor();
    await answerApiWith(page, '**/admin/api/jobs', 503, {
      code: 'SOMETHING_DOWN',
      message: 'Down for a test',
    });
    // A job runs: the list refreshes every 2 s.
    await expectText(
      page,
      '#jobs-error',
      'Could not refresh the jobs: Down for a test (SOMETHING_DOWN).',
    );
    expect(await page.locator('#jobs-error').getAttribute('role')).toBe('alert');
    expect(await jobEntry(page, id).locator('.job-counts').textContent()).toBe(
      'done 4 · failed 1 · remaining 5',
    );
    await page.unroute('**/admin/api/jobs');
    await page.locator('#jobs-error').waitFor({ state: 'hidden' });
  });

  it('when the session has ended (401), says so in the section, as the rest of the page does', async () => {
    const id = await halfDoneJob(harness.built);
    const page = await openJobs();
    await jobEntry(page, id).waitFor();
    await answerApiWith(page, '**/admin/api/jobs', 401, {
      code: 'SESSION_REQUIRED',
      message: 'Log in again.',
    });
    await expectText(
      page,
      '#jobs-error',
      'Your session has ended. Reload the page to log in again.',
    );
    await expectText(page, '#editor-status', 'Your session has ended: nothing can be saved.');
    expect(await jobEntry(page, id).locator('.job-counts').textContent()).toBe(
      'done 4 · failed 1 · remaining 5',
    );
  });

  it('fits a phone (390×844): the progress bar takes the card’s width, the page never scrolls sideways', async () => {
    const id = await halfDoneJob(harness.built);
    const page = await openJobs({ width: 390, height: 844 });
    const entry = jobEntry(page, id);
    await entry.waitFor();
    await entry.locator('details.job-failures summary').click();
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, body: 0 });

    const widths = await entry.locator('progress').evaluate((bar: BoxElement) => {
      const row = bar.parentElement;
      const style = row && bar.ownerDocument.defaultView?.getComputedStyle(row);
      const padding = style ? parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) : 0;
      return { bar: bar.getBoundingClientRect().width, room: (row?.clientWidth ?? 0) - padding };
    });
    expect(widths.room).toBeGreaterThan(0);
    expect(widths.room).toBeLessThan(390);
    expect(widths.bar).toBeCloseTo(widths.room, 0);
  });
});
