/**
 * The few lines of XML writing TwiML needs. The Twilio SDK's builder (xmlbuilder underneath)
 * produced the same bytes but cost more than everything else in a /voice/wait answer together;
 * a unit test holds this writer to the SDK's output, escaping included.
 */

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
 * They cannot be escaped, only left out; the SDK would throw, and a webhook must still answer.
 */
const ILLEGAL_CHARACTERS = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** A cheap first look (code units, no `u` flag): surrogates here may still be legal pairs. */
const MAYBE_ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/;
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTRIBUTE_SPECIALS = /[&<"\t\n\r]/g;

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#xD;',
};
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

const legal = (value: string) =>
  MAYBE_ILLEGAL.test(value) ? value.replace(ILLEGAL_CHARACTERS, '') : value;

export function escapeText(value: string): string {
  return legal(value).replace(TEXT_SPECIALS, (c) => TEXT_ESCAPES[c] ?? c);
}

function escapeAttribute(value: string): string {
  return legal(value).replace(ATTRIBUTE_SPECIALS, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

/** `content` is already XML (escaped text or child elements); empty means a self-closing tag. */
export function element(name: string, attributes: Attributes = {}, content = ''): string {
  let tag = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) tag += ` ${key}="${escapeAttribute(String(value))}"`;
  }
  return content === '' ? `${tag}/>` : `${tag}>${content}</${name}>`;
}

/** A whole TwiML document around the given verbs. */
export function twimlDocument(verbs: string): string {
  return DECLARATION + element('Response', {}, verbs);
}
