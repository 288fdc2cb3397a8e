import { createMemoryJobStore } from '../../src/jobs/memory-job-store.js';
import { jobStoreContract } from './job-store.contract.js';

describe('the memory job store (JobStore contract)', () => {
  jobStoreContract(() => Promise.resolve(createMemoryJobStore()));
});
