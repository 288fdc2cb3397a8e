/* Requests to the admin JSON API (/admin/api), which sits behind the session and CSRF checks. */

const API = '/admin/api';

/** The page's CSRF token, which the server puts in a meta tag: every state change must send it. */
function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') || '' : '';
}

/**
 * One API call. Never throws for an HTTP status (only when the server cannot be reached):
 * the caller reads `status`, `ok` and the JSON `body`, if the answer had one.
 * options.ifMatch: the version a PUT is based on, so a concurrent save is refused, not lost.
 */
export async function callApi(method, path, options) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-cache' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  if (options && options.ifMatch !== undefined) headers['If-Match'] = options.ifMatch;
  if (options && options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(API + path, init);
  let body = null;
  if ((response.headers.get('Content-Type') || '').includes('application/json')) {
    body = await response.json().catch(() => null);
  }
  return { status: response.status, ok: response.ok, body, headers: response.headers };
}

/** The `{error: {code, message}}` of a failed call, or one made up from its status. */
export function errorOf(result) {
  const error = result.body && result.body.error;
  return {
    code: (error && error.code) || `HTTP_${result.status}`,
    message: (error && error.message) || `The server answered ${result.status}.`,
  };
}

/**
 * How far the server's clock is ahead of this browser's (ms), from an answer's Date header:
 * 0 when unknown, and under two seconds, since the header's whole seconds round that much.
 */
export function serverSkewOf(headers) {
  const serverDate = Date.parse(headers.get('Date') || '');
  const skew = Number.isNaN(serverDate) ? 0 : serverDate - Date.now();
  return Math.abs(skew) < 2000 ? 0 : skew;
}
