import { parseForm } from '../../src/http/form-body.js';
import { seededRandom } from '../support/seeded-random.js';

describe('parseForm', () => {
  it('reads Twilio-shaped parameters, with + as a space and percent escapes decoded', () => {
    expect({ ...parseForm('From=%2B15551230000&CallerName=Ada+Lovelace&Empty=', 200) }).toEqual({
      From: '+15551230000',
      CallerName: 'Ada Lovelace',
      Empty: '',
    });
  });

  it('turns a repeated key into an array, in the order sent', () => {
    expect({ ...parseForm('Digits=9&Digits=1&Digits=9', 200) }).toEqual({
      Digits: ['9', '1', '9'],
    });
  });

  it('decodes UTF-8 escapes', () => {
    expect(parseForm('Name=Ren%C3%A9e+%E2%82%AC', 200)?.Name).toBe('Renée €');
  });

  it('keeps a malformed escape as written and still decodes the valid ASCII ones', () => {
    expect(parseForm('a=%zz%41&b=%E2%82', 200)).toEqual(
      Object.assign(Object.create(null), { a: '%zzA', b: '%E2%82' }),
    );
  });

  it('collects repeated keys named like Object.prototype members as arrays', () => {
    const form = parseForm('constructor=a&constructor=b&valueOf=c', 200);
    expect(Object.entries(form ?? {})).toEqual([
      ['constructor', ['a', 'b']],
      ['valueOf', 'c'],
    ]);
    expect('toString' in (parseForm('hasOwnProperty=x', 200) ?? {})).toBe(false);
  });

  it('treats __proto__ and constructor as ordinary keys', () => {
    const form = parseForm('__proto__=x&constructor=y&toString=z', 200);
    // Nothing from Object.prototype behind it (its own prototype has none either).
    expect(Object.getPrototypeOf(Object.getPrototypeOf(form))).toBeNull();
    expect('hasOwnProperty' in (form ?? {})).toBe(false);
    expect(form?.['__proto__']).toBe('x');
    expect(form?.constructor).toBe('y');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads a key without = as an empty value and skips empty pairs', () => {
    expect({ ...parseForm('flag&&a=1&', 200) }).toEqual({ flag: '', a: '1' });
  });

  it("splits a pair at its first =, and finds the next pair's = after a pair without one", () => {
    expect({ ...parseForm('x=1=2&y&z=3&&w=', 200) }).toEqual({ x: '1=2', y: '', z: '3', w: '' });
  });

  it('reads back what URLSearchParams wrote, for 300 random forms', () => {
    const next = seededRandom(42);
    const pool = ['a', 'Z', '0', ' ', '+', '&', '=', '%', '?', 'é', '€', '😀', '\n'];
    const word = () =>
      Array.from(
        { length: Math.floor(next() * 5) },
        () => pool[Math.floor(next() * pool.length)],
      ).join('');
    for (let i = 0; i < 300; i += 1) {
      const entries = Array.from(
        { length: 1 + Math.floor(next() * 6) },
        (_, j): [string, string] => [`k${j}${word()}`, word()],
      );
      const text = new URLSearchParams(entries).toString();
      expect([text, { ...parseForm(text, 200) }]).toEqual([text, Object.fromEntries(entries)]);
    }
  });

  it('refuses more pairs than the limit', () => {
    const pairs = Array.from({ length: 201 }, (_, i) => `k${i}=v`).join('&');
    expect(parseForm(pairs, 200)).toBeUndefined();
    expect(parseForm(pairs, 201)).toBeDefined();
  });
});
