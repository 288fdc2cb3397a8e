import { createHash } from 'node:crypto';

/** A number in [0, 1), like Math.random, but reproducible from a seed. */
export type Random = () => number;

/**
 * mulberry32: tiny and fast, good enough for fault dice and demo numbers. Everything random in
 * the emulator comes from one of these, so a seed reproduces a run (a failing test names it).
 */
export function createSeededRandom(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any text: per-queue generators that do not depend on creation order. */
export function seedFrom(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

/** An integer in [min, max], both ends included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
