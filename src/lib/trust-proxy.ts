import { isIP, isIPv4 } from 'node:net';

/**
 * Express's `trust proxy` setting, as TRUST_PROXY spells it: which hops' X-Forwarded-For
 * (and -Proto, -Host) to believe. false = none: req.ip is the peer's address.
 */
export type TrustProxy = boolean | number | readonly string[];

/** The names proxy-addr (Express's resolver) knows, for the ranges they stand for. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export const TRUST_PROXY_FORMS =
  'true, false, a hop count, or a comma-separated list of addresses, subnets (CIDR) and ' +
  'loopback, linklocal, uniquelocal';

/**
 * `true` | `false` | a hop count (0 = false) | `loopback, 10.0.0.0/8, ::1`. Every entry is
 * checked here so that a typo is reported with the variable's name among the other
 * configuration problems, not as a bare TypeError from Express while the app is built.
 */
export function parseTrustProxy(
  raw: string,
): { ok: true; value: TrustProxy } | { ok: false; problem: string } {
  const value = raw.trim().toLowerCase();
  if (value === 'true') return { ok: true, value: true };
  if (value === 'false') return { ok: true, value: false };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return { ok: true, value: hops === 0 ? false : hops };
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isProxyEntry(entry));
  if (entries.length === 0) return { ok: false, problem: `empty list: use ${TRUST_PROXY_FORMS}` };
  if (bad.length > 0) {
    const named = bad.map((entry) => `"${entry}"`).join(', ');
    return { ok: false, problem: `${named} not understood: use ${TRUST_PROXY_FORMS}` };
  }
  return { ok: true, value: entries };
}

function isProxyEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const slash = entry.indexOf('/');
  if (slash < 0) return isIP(entry) !== 0;
  const address = entry.slice(0, slash);
  const suffix = entry.slice(slash + 1);
  const family = isIP(address);
  if (family === 0) return false;
  // An IPv4 subnet may also be written with a netmask (10.0.0.0/255.0.0.0), as Express allows.
  if (family === 4 && isIPv4(suffix)) return isNetmask(suffix);
  if (!/^\d{1,3}$/.test(suffix)) return false;
  return Number(suffix) <= (family === 4 ? 32 : 128);
}

/** 255.255.240.0 yes, 255.0.255.0 no: ones, then only zeros. */
function isNetmask(mask: string): boolean {
  const bits = mask.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const inverted = 0xffffffff - bits;
  return (inverted & (inverted + 1)) === 0;
}
