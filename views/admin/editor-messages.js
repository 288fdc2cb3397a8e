/* What the editor says when the API refuses a load or a save, by the API's error code. */
import { errorOf } from './api.js';

/**
 * The status line for a failed call (`what`: "Could not load the settings", "Not saved"), or
 * undefined for a 401, which is not the form's to report: the whole session has ended.
 */
export function failureMessage(result, what) {
  const { code, message } = errorOf(result);
  if (result.status === 401) return undefined;
  if (code === 'CSRF_FAILED') {
    return `${what}: this page is out of date. Reload the page and try again.`;
  }
  if (code === 'QUEUE_NOT_FOUND') return `${what}: this queue no longer exists.`;
  if (code === 'METADATA_UNAVAILABLE') {
    return `${what}: the settings store cannot be reached right now. Try again in a moment.`;
  }
  return `${what}: ${message} (${code}).`;
}
