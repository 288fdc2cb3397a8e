import { createMemoryEligibilityCache } from '../../src/eligibility/eligibility-cache.js';
import { eligibilityCacheContract } from './eligibility-cache.contract.js';

describe('the memory eligibility cache (EligibilityCache contract)', () => {
  // The memory cache judges a claim by the `now` it is handed: no real time need pass.
  eligibilityCacheContract(() => Promise.resolve(createMemoryEligibilityCache()), {
    ttlMs: 60_000,
    passTtl: () => Promise.resolve(),
  });
});
