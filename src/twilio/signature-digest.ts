import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

export type FormParams = Readonly<Record<string, string | readonly string[]>>;

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the auth token, over the full URL
 * followed by every POST parameter as name + value, names in sorted order (a repeated name
 * contributes each distinct value, sorted). The key is prepared once: building it from the
 * token string on every request was most of the SDK helper's cost.
 */
export function createSignatureDigest(
  authToken: string,
): (url: string, params: FormParams) => string {
  const key: KeyObject = createSecretKey(Buffer.from(authToken, 'utf8'));
  return (url, params) => {
    const hmac = createHmac('sha1', key);
    hmac.update(url, 'utf8');
    for (const name of Object.keys(params).sort()) {
      const value = params[name];
      if (typeof value === 'string') {
        hmac.update(name + value, 'utf8');
      } else if (value !== undefined) {
        for (const item of [...new Set(value)].sort()) hmac.update(name + item, 'utf8');
      }
    }
    return hmac.digest('base64');
  };
}
