const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'https:': '443', 'http:': '80' };

/**
 * The base URLs a Twilio signature may be over, PUBLIC_BASE_URL first: Twilio signs the URL as
 * configured, and depending on the product with or without the scheme's default port. So a
 * base without a port also matches with :443 (https) or :80 (http), and one with the default
 * port also without it. Nothing else: a non-default port is never dropped, and no normalised
 * or re-encoded form is tried (the SDK's validateRequest tries those, and so accepted a
 * signature over the URL with the port stripped).
 */
export function signedBaseUrls(publicBaseUrl: string): readonly string[] {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)(.*)$/i.exec(publicBaseUrl);
  if (match === null) return [publicBaseUrl];
  const [, scheme = '', authority = '', rest = ''] = match;
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  if (defaultPort === undefined) return [publicBaseUrl];
  const hostStart = authority.lastIndexOf('@') + 1;
  // A colon starts the port only after an IPv6 literal's closing bracket.
  const portStart = authority.indexOf(':', Math.max(hostStart, authority.lastIndexOf(']') + 1));
  const prefix = `${scheme}//`;
  if (portStart < 0) return [publicBaseUrl, `${prefix}${authority}:${defaultPort}${rest}`];
  if (authority.slice(portStart + 1) !== defaultPort) return [publicBaseUrl];
  return [publicBaseUrl, `${prefix}${authority.slice(0, portStart)}${rest}`];
}
