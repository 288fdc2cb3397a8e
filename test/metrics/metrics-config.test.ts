import { loadConfig } from '../../src/config.js';
import { problemsOf } from '../support/config-problems.js';

describe('loadConfig: METRICS_TOKEN and METRICS_PORT', () => {
  it('leaves both unset by default', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, port: undefined });
  });

  it('reads a token and a port', () => {
    const config = loadConfig({ METRICS_TOKEN: 'metrics-token-0123456789', METRICS_PORT: '9464' });

    expect(config.metrics).toEqual({ token: 'metrics-token-0123456789', port: 9464 });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ METRICS_TOKEN: '  ', METRICS_PORT: '' }).metrics).toEqual({
      token: undefined,
      port: undefined,
    });
  });

  it('names each bad variable, together with the others', () => {
    const problems = problemsOf({ METRICS_TOKEN: 'short', METRICS_PORT: 'abc', PORT: 'x' });

    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'METRICS_PORT',
      'METRICS_TOKEN',
      'PORT',
    ]);
  });

  it.each(['0', '65536', '94.5', '-1'])('rejects METRICS_PORT=%s', (port) => {
    expect(problemsOf({ METRICS_PORT: port })).toEqual([
      expect.stringMatching(/^METRICS_PORT: a port from 1 to 65535/),
    ]);
  });

  it('rejects METRICS_PORT equal to PORT', () => {
    expect(problemsOf({ PORT: '8080', METRICS_PORT: '8080' })).toEqual([
      expect.stringMatching(/^METRICS_PORT: must differ from PORT/),
    ]);
  });
});
