import type { ActivityName, FixtureWorker } from './fixture-workers.js';
import { createSeededRandom, randomInt, seedFrom, type Random } from '../lib/seeded-random.js';
import { deriveSid } from './sids.js';

/**
 * Generated workers and the TargetWorkers expressions that pick among them. Each draws from a
 * generator of its own (seeded by the workspace seed and a purpose), so adding workers leaves
 * the queues' SIDs and numbers exactly as they were. Attribute values have no hyphens: TaskRouter
 * warns that a hyphen in a worker attribute value may not parse.
 */

const SKILLS = [
  'billing',
  'sales',
  'support',
  'technical',
  'premium',
  'retention',
  'claims',
  'onboarding',
];
const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt'];
const DEPARTMENTS = ['care', 'sales', 'tech', 'finance'];
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Gia', 'Hugo', 'Ines', 'Jon', 'Kai'];
const LAST = ['Lima', 'Moreau', 'Novak', 'Okafor', 'Park', 'Quist', 'Rossi', 'Sato', 'Tanaka'];

/** The attributes the expressions read, as the generator wrote them. */
export interface GeneratedAttributes {
  readonly contact_uri: string;
  readonly full_name: string;
  readonly email: string;
  readonly department: string;
  readonly level: number;
  readonly languages: readonly string[];
  readonly skills: readonly string[];
  readonly routing: { readonly skills: readonly string[]; readonly levels: Record<string, number> };
}

export function generateWorkers(seed: number, count: number): FixtureWorker[] {
  const random = createSeededRandom(seedFrom(seed, 'workers'));
  return Array.from({ length: count }, (_, i) => {
    const name = `agent_${String(i + 1).padStart(4, '0')}`;
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const skills = sample(random, SKILLS, randomInt(random, 1, 3));
    const level = randomInt(random, 1, 5);
    const attributes: GeneratedAttributes = {
      contact_uri: `client:${name}`,
      full_name: `${first} ${last}`,
      email: `${first}.${last}.${i + 1}@example.com`.toLowerCase(),
      department: pick(random, DEPARTMENTS),
      level,
      languages: sample(random, LANGUAGES, randomInt(random, 1, 2)),
      skills,
      routing: { skills, levels: Object.fromEntries(skills.map((s) => [s, level])) },
    };
    const roll = random();
    const activity: ActivityName =
      roll < 0.3 ? 'Offline' : roll < 0.7 ? 'Idle' : roll < 0.95 ? 'Busy' : 'Reserved';
    return {
      friendlyName: name,
      workerSid: deriveSid('WK', 'generated', seed, name),
      attributes: { ...attributes },
      activity,
    };
  });
}

interface Candidate {
  readonly text: string;
  readonly matches: (a: GeneratedAttributes) => boolean;
}

/**
 * An expression (HAS, IN, ==, AND, OR only; AND and OR never mixed) built around one worker's
 * attributes, so it matches someone; with two or more workers, one that also leaves someone
 * out. The same for the same seed, queue name and workers.
 */
export function targetWorkersFor(
  seed: number,
  queueName: string,
  workers: readonly GeneratedAttributes[],
): string {
  const random = createSeededRandom(seedFrom(seed, 'target-workers', queueName));
  let fallback: string | undefined;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const around = workers[Math.floor(random() * workers.length)];
    if (around === undefined) break;
    const candidate = candidateAround(random, around);
    fallback ??= candidate.text;
    const matched = workers.filter(candidate.matches).length;
    if (workers.length < 2 || matched < workers.length) return candidate.text;
  }
  return fallback ?? `skills HAS "${queueName}"`;
}

function candidateAround(random: Random, w: GeneratedAttributes): Candidate {
  const skill = pick(random, w.skills);
  const language = pick(random, w.languages);
  const levels = [w.level, w.level === 5 ? 4 : w.level + 1].sort((a, b) => a - b);
  const otherDepartment = pick(
    random,
    DEPARTMENTS.filter((d) => d !== w.department),
  );
  const candidates: Candidate[] = [
    {
      text: `routing.skills HAS "${skill}"`,
      matches: (a) => a.routing.skills.includes(skill),
    },
    {
      text: `skills HAS "${skill}" AND languages HAS "${language}"`,
      matches: (a) => a.skills.includes(skill) && a.languages.includes(language),
    },
    {
      text: `department == "${w.department}" OR routing.skills HAS "${skill}"`,
      matches: (a) => a.department === w.department || a.routing.skills.includes(skill),
    },
    {
      text: `routing.skills HAS "${skill}" AND level IN [${levels.join(', ')}]`,
      matches: (a) => a.routing.skills.includes(skill) && levels.includes(a.level),
    },
    {
      text: `languages HAS "${language}" AND department IN ["${w.department}", "${otherDepartment}"]`,
      matches: (a) =>
        a.languages.includes(language) && [w.department, otherDepartment].includes(a.department),
    },
  ];
  return pick(random, candidates);
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** `n` distinct items, in the list's order. */
function sample<T>(random: Random, items: readonly T[], n: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(n, items.length)) chosen.add(Math.floor(random() * items.length));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i] as T);
}
