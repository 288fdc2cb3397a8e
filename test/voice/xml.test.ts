import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';
import { element, escapeText, twimlDocument } from '../../src/voice/xml.js';
import { seededRandom } from '../support/seeded-random.js';

/** Legal XML characters, weighted towards the ones that need escaping. */
const LEGAL_POOL = [
  'a',
  'Z',
  '7',
  ' ',
  '&',
  '<',
  '>',
  '"',
  "'",
  '\t',
  '\n',
  '\r',
  'é',
  '€',
  '😀',
  ']]>',
  '&amp;',
];

function randomLegalString(next: () => number): string {
  let text = '';
  const length = Math.floor(next() * 12);
  for (let i = 0; i < length; i += 1) text += LEGAL_POOL[Math.floor(next() * LEGAL_POOL.length)];
  return text;
}

function sdkSay(voice: string, text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say({ voice: voice as 'alice' }, text);
  return response.toString();
}

describe('the TwiML writer', () => {
  it('writes byte for byte what the Twilio SDK writes, for 500 random strings', () => {
    const next = seededRandom(20261123);
    for (let i = 0; i < 500; i += 1) {
      const voice = randomLegalString(next);
      const text = randomLegalString(next) || 'x';
      const ours = twimlDocument(element('Say', { voice }, escapeText(text)));
      expect({ voice, text, xml: ours }).toEqual({ voice, text, xml: sdkSay(voice, text) });
    }
  });

  it('writes an empty element as self-closing and leaves out undefined attributes', () => {
    expect(twimlDocument(element('Pause', { length: 2, loop: undefined }))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Pause length="2"/></Response>',
    );
  });

  it('drops characters XML cannot carry instead of failing the answer', () => {
    const xml = twimlDocument(
      element('Say', { voice: 'a\u0000b' }, escapeText('one\u0001two\uFFFEthree\uD800four')),
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="ab">onetwothreefour</Say></Response>',
    );
    const parsed = new XMLParser().parse(xml) as { Response: { Say: string } };
    expect(parsed.Response.Say).toBe('onetwothreefour');
  });

  it('keeps characters outside the basic plane when their surrogates are paired', () => {
    expect(escapeText('hold 😀 on')).toBe('hold 😀 on');
  });
});
