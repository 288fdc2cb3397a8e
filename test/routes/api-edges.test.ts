import { defaultQueueMetadata, type QueueMetadata } from '../../src/metadata/queue-metadata.js';
import { buildTestApp, freshStats } from '../support/test-app.js';

interface ErrorBody {
  code: string;
  message: string;
  problems?: { field: string; message: string }[];
}
const errorOf = (res: { body: unknown }) => (res.body as { error: ErrorBody }).error;

describe('API edges', () => {
  it('a path with bad percent-encoding answers 400 INVALID_PARAMETER, not BODY_INVALID', async () => {
    const { api } = buildTestApp({ snapshot: freshStats });
    for (const path of ['/api/queues/%E0%A4%A/wait-time', '/api/queues/%zz/metadata']) {
      const res = await api(path);
      expect(res.status).toBe(400);
      expect(errorOf(res)).toEqual({
        code: 'INVALID_PARAMETER',
        message: 'The path is not validly percent-encoded',
      });
    }
  });

  it.each([
    ['position[]=2'],
    ['position[x]=2'],
    ['position=2&position=2'],
    ['position=1&position[]=3'],
  ])('?%s answers 400 INVALID_PARAMETER naming position', async (query) => {
    const { api } = buildTestApp({ snapshot: freshStats });
    const res = await api(`/api/queues/customers/wait-time?${query}`);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({
      code: 'INVALID_PARAMETER',
      message: 'position must be given once, as ?position=N',
    });
  });

  it('?position=2 still answers for position 2', async () => {
    const { api } = buildTestApp({ snapshot: freshStats });
    const res = await api('/api/queues/customers/wait-time?position=2');
    expect(res.status).toBe(200);
    expect((res.body as { position: number }).position).toBe(2);
  });

  it.each(['/wait-time', '/metadata'])(
    'a 10 kB queue name is clipped in the 404 of %s',
    async (suffix) => {
      const { api } = buildTestApp({ snapshot: freshStats });
      const res = await api(`/api/queues/${'q'.repeat(10_000)}${suffix}`);
      expect(res.status).toBe(404);
      expect(errorOf(res).code).toBe('QUEUE_NOT_FOUND');
      expect(errorOf(res).message).toContain(`"${'q'.repeat(64)}…"`);
      expect(errorOf(res).message.length).toBeLessThan(120);
    },
  );

  it('an unknown route’s 404 clips a long path too', async () => {
    const { api } = buildTestApp();
    const res = await api(`/api/${'z'.repeat(10_000)}`);
    expect(res.status).toBe(404);
    expect(errorOf(res).message.length).toBeLessThan(120);
  });
});

describe('announcements.voice takes Twilio voice names only', () => {
  const PATH = '/api/queues/customers/metadata';
  const withVoice = (voice: string): QueueMetadata => ({
    ...defaultQueueMetadata('customers'),
    announcements: { voice, language: 'en-US' },
  });

  it.each([
    'man',
    'woman',
    'alice',
    'Polly.Joanna',
    'Polly.Joanna-Neural',
    'Polly.Danielle-Generative',
    'Polly.Léa-Neural',
    'Google.en-US-Standard-C',
    'Google.en-US-Neural2-A',
    'Google.en-US-Chirp3-HD-Aoede',
    'Google.cmn-CN-Wavenet-A',
  ])('accepts %s', async (voice) => {
    const { apiPut } = buildTestApp();
    const res = await apiPut(PATH, withVoice(voice), '"1"');
    expect(res.status).toBe(200);
  });

  it.each([
    'Bob',
    'polly.joanna',
    'Polly.',
    'Polly.Joanna-Turbo',
    'Google.en-US',
    'Google.english',
    'alice; <Play>',
    'x'.repeat(64),
  ])('refuses %s, naming the field', async (voice) => {
    const { api, apiPut } = buildTestApp();
    const res = await apiPut(PATH, withVoice(voice), '"1"');
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_METADATA');
    const problems = errorOf(res).problems ?? [];
    expect(problems.map((p) => p.field)).toEqual(['announcements.voice']);
    expect(problems[0]?.message).toMatch(/^voice must be a Twilio voice: man, woman, alice, Polly/);
    expect((await api(PATH)).body).toMatchObject({ version: 1 });
  });
});
