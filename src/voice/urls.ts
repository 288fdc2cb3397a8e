/**
 * Absolute URLs for TwiML attributes. Twilio signs the exact URL it calls, so the URLs we hand
 * it are built from PUBLIC_BASE_URL, the same base the signature check uses. Values are
 * percent-encoded as application/x-www-form-urlencoded does (space as +), like URLSearchParams,
 * without building one on every webhook.
 */
export function absoluteUrl(
  publicBaseUrl: string,
  path: string,
  query: Readonly<Record<string, string | number | undefined>> = {},
): string {
  let search = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    search += `${search === '' ? '?' : '&'}${formEncode(key)}=${formEncode(String(value))}`;
  }
  return publicBaseUrl + path + search;
}

/** The characters the form encoding leaves as they are. */
const NOTHING_TO_ESCAPE = /^[\w.*-]*$/;

/**
 * encodeURIComponent leaves !'()~ alone and writes %20 for space; the form encoding escapes
 * those and writes + (it leaves *, which encodeURIComponent also leaves).
 */
function formEncode(value: string): string {
  if (NOTHING_TO_ESCAPE.test(value)) return value; // queue names, numbers: the usual case
  return encodeURIComponent(value).replace(/%20|[!'()~]/g, (c) =>
    c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
