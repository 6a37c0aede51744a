/** Fixtures for the tests of other packages: requests captured from the real clients. */
export { POSTHOG_FIXTURES, RUDDERSTACK_FIXTURES, SEGMENT_FIXTURES } from './fixtures';
export type { VendorFixture } from './vendor-fixture';
