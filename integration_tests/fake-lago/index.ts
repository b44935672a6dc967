// Public entry point of the fake Lago API server (see README.md in this folder).
export { FakeLago, startFakeLago } from './server.js';
export type { FakeLagoOptions, ResourceCounts, ResourceName, RecordedRequest, Fault, FakeDataset, LagoRecord } from './types.js';
export { DEFAULT_COUNTS, LAZY_THRESHOLD } from './data.js';
export { createVirtualArray, virtualState } from './virtual.js';
export { meta as paginationMeta } from './routes.js';
export { LAGO_CLOUD_LIMITS, RateLimiter, type RateLimits } from './rate-limit.js';
