import { XMLParser } from 'fast-xml-parser';

/** One TwiML verb (or noun) as the emulator plays it: its attributes, text and nested nouns. */
export interface TwimlVerb {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The element's own text (a <Say>'s words, an <Enqueue>'s queue name), trimmed. */
  readonly text: string;
  readonly children: readonly TwimlVerb[];
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

/**
 * The verbs of a TwiML document, in order. A body that is not a <Response> (an error page, an
 * empty answer) has none: Twilio then says an application error occurred and hangs up, which
 * the player treats as the end of the call.
 */
export function readTwiml(body: string | null): readonly TwimlVerb[] {
  if (body === null || body.trim() === '') return [];
  let nodes: Node[];
  try {
    nodes = parser.parse(body) as Node[];
  } catch {
    return [];
  }
  const response = nodes.find((node) => 'Response' in node);
  return response === undefined ? [] : toVerbs(response.Response as Node[]);
}

function toVerbs(nodes: readonly Node[]): TwimlVerb[] {
  const verbs: TwimlVerb[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (name === undefined) continue;
    const content = node[name] as Node[];
    verbs.push({
      name,
      attributes: node[':@'] ?? {},
      text: content
        .map((child) => child['#text'])
        .filter((text) => typeof text === 'string' || typeof text === 'number')
        .map(String)
        .join(' ')
        .trim(),
      children: toVerbs(content),
    });
  }
  return verbs;
}

/** A numeric attribute (seconds, a count); the fallback when it is missing or not a number ≥ 0. */
export function numberAttribute(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value === undefined || value === '' || !Number.isFinite(parsed) || parsed < 0
    ? fallback
    : parsed;
}
