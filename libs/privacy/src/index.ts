// The public face of @stratum/privacy: privacy requests (SPEC §13), suppressions, and the
// work the worker does for erase and access requests.
export { hashRequestIdentifiers } from './hash-request-identifiers';
export type { HashedRequestIdentifiers, IdentifierIssue } from './hash-request-identifiers';
export { failPrivacyRequest, findPrivacyRequest } from './privacy-request.repository';
export type { PrivacyRequestRecord } from './privacy-request.record';
export { describePrivacyRequest } from './describe-privacy-request';
export { privacyRequestToJson } from './privacy-request-json';
export { submitPrivacyRequest } from './submit-privacy-request';
export type { SubmitOptions } from './submit-privacy-request';
export { PRIVACY_REQUEST_TASK, isQueueMissing } from './privacy-queue';
export type { PrivacyJobPayload } from './privacy-queue';
export { runPrivacyRequest } from './run-privacy-request';
export { streamAccessDocument } from './access-result.repository';
export type { AccessCounts } from './build-access-document';
