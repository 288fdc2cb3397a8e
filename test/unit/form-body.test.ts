import { parseForm } from '../../src/http/form-body.js';

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

  it('treats __proto__ and constructor as ordinary keys', () => {
    const form = parseForm('__proto__=x&constructor=y&toString=z', 200);
    expect(Object.getPrototypeOf(form)).toBeNull();
    expect(form?.['__proto__']).toBe('x');
    expect(form?.constructor).toBe('y');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads a key without = as an empty value and skips empty pairs', () => {
    expect({ ...parseForm('flag&&a=1&', 200) }).toEqual({ flag: '', a: '1' });
  });

  it('refuses more pairs than the limit', () => {
    const pairs = Array.from({ length: 201 }, (_, i) => `k${i}=v`).join('&');
    expect(parseForm(pairs, 200)).toBeUndefined();
    expect(parseForm(pairs, 201)).toBeDefined();
  });
});
