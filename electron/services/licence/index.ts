export { verifyLease, type LeaseRefusal, type LeaseVerification, type VerifyLeaseOptions } from './verify-lease';
export {
  PinnedKeyStore,
  pinnedLicenceKeySchema,
  type PinnedKeyStorage,
  type PinnedLicenceKey,
} from './pinned-key-store';
