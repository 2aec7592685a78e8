export { verifyLease, type LeaseRefusal, type LeaseVerification, type VerifyLeaseOptions } from './verify-lease';
export {
  PinnedKeyStore,
  pinnedLicenceKeySchema,
  type LicenceKeyOffer,
  type PinnedKeyStorage,
  type PinnedLicenceKey,
  type RetiredLicenceKey,
} from './pinned-key-store';
export { verifyRotation, type StatementRefusal } from './key-rotation';
