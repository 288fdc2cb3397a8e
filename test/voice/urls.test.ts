import { absoluteUrl } from '../../src/voice/urls.js';
import { seededRandom } from '../support/seeded-random.js';

const BASE = 'https://holdline.example.test';
const POOL = ['a', 'Z', '9', ' ', '+', '&', '=', '?', '#', '%', '/', "!'()*", '~-._', 'é', '😀'];

describe('absoluteUrl', () => {
  it('encodes the query exactly as URLSearchParams does, for 300 random values', () => {
    const next = seededRandom(7);
    const pick = () => POOL[Math.floor(next() * POOL.length)] ?? '';
    for (let i = 0; i < 300; i += 1) {
      const value = Array.from({ length: 1 + Math.floor(next() * 6) }, pick).join('');
      const expected = `${BASE}/voice/wait?${new URLSearchParams({ queue: value, position: '3' }).toString()}`;
      expect(absoluteUrl(BASE, '/voice/wait', { queue: value, position: 3 })).toBe(expected);
    }
  });

  it('leaves out undefined values, and the ? when nothing is left', () => {
    expect(absoluteUrl(BASE, '/voice/wait', { queue: undefined, position: 2 })).toBe(
      `${BASE}/voice/wait?position=2`,
    );
    expect(absoluteUrl(BASE, '/voice/wait', { queue: undefined })).toBe(`${BASE}/voice/wait`);
  });
});
