/**
 * Absolute URLs for TwiML attributes. Twilio signs the exact URL it calls, so the URLs we hand
 * it are built from PUBLIC_BASE_URL, the same base the signature check uses.
 */
export function absoluteUrl(
  publicBaseUrl: string,
  path: string,
  query: Readonly<Record<string, string | number | undefined>> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return `${publicBaseUrl}${path}${search === '' ? '' : `?${search}`}`;
}
