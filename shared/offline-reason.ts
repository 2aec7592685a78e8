import { z } from 'zod';

/**
 * Why the account service cannot be reached, as far as the evidence goes:
 * `no-internet` when this computer has no network to speak of (no interface up, no route,
 * a name server that does not answer); `service-unreachable` when the network works but
 * the service does not answer, refuses, times out or is down (a loopback service always).
 */
export const offlineReasons = ['no-internet', 'service-unreachable'] as const;
export const offlineReasonSchema = z.enum(offlineReasons);
export type OfflineReason = z.infer<typeof offlineReasonSchema>;
