import type { Response } from 'express';
import type { AdminViews } from './views.js';

/**
 * Every admin page is per user and may carry a CSRF token: never stored by any cache. Its forms
 * and requests name their origin (Referrer-Policy same-origin instead of helmet's no-referrer,
 * under which a browser sends `Origin: null`), and nothing leaves for another origin.
 */
export function sendPage(res: Response, status: number, html: string): void {
  res
    .status(status)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Referrer-Policy', 'same-origin')
    .type('html')
    .send(html);
}

export interface LoginPageState {
  /** Why the last attempt failed (announced as an alert). */
  readonly error?: string;
  /** Something to know that is not an error ("You have logged out."). */
  readonly notice?: string;
}

export function renderLogin(views: AdminViews, state: LoginPageState = {}): string {
  return views.render('login', {
    error: state.error ?? '',
    invalid: state.error === undefined ? 'false' : 'true',
    notice: state.notice ?? '',
  });
}

export function renderMessage(
  views: AdminViews,
  page: { title: string; message: string; detail?: string },
): string {
  return views.render('message', { detail: '', ...page });
}

export function renderDisabled(views: AdminViews): string {
  return renderMessage(views, {
    title: 'The admin page is off',
    message: 'The admin page is off because ADMIN_TOKEN is not set.',
    detail:
      'To turn it on, set ADMIN_TOKEN to a long random secret (for example the output of ' +
      '"openssl rand -hex 24") and restart holdline, then log in here with that token.',
  });
}
