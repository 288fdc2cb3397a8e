import { createMemoryPaces } from '../../src/twilio-rest/rate-limiter.js';
import { pacesContract } from './paces.contract.js';

describe('the memory paces (embedded mode)', () => {
  pacesContract(() => {
    let clock = 1_000;
    const paces = createMemoryPaces({ now: () => clock });
    return {
      // One process: both holders get the limiter of the name.
      pair: (pace) => [paces.limiter(pace), paces.limiter(pace)],
      pass: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
      intervalMs: 50,
      toleranceMs: 0,
    };
  });
});
