import { z } from 'zod';
import type { ProductKeyCheck } from '../../../../shared/product-key';
import type { AppError } from '../../../../shared/errors';
import type { MessageId } from '../../i18n/catalogues';

/** Why a key as typed cannot be right, as `checkProductKey` says; `tooMany` when it has more than 20 symbols. */
export type ProductKeyProblem = Extract<ProductKeyCheck, { ok: false }> & { tooMany?: boolean };

/**
 * The one place a product-key check becomes a sentence: the field's own check as the person
 * types, and a `KEY_MALFORMED` answer, which carries the same reason.
 */
export function productKeySentence(problem: Omit<ProductKeyProblem, 'ok'>): {
  id: MessageId;
  values?: { group: number };
} {
  if (problem.reason === 'length') {
    // A group is named for a length problem only when there is one symbol too many.
    if (problem.suspectGroup !== undefined) {
      return { id: 'subscriptions.productKey.extraInGroup', values: { group: problem.suspectGroup } };
    }
    return { id: problem.tooMany ? 'subscriptions.productKey.tooMany' : 'subscriptions.productKey.incomplete' };
  }
  if (problem.reason === 'characters') return { id: 'subscriptions.productKey.characters' };
  if (problem.suspectGroup !== undefined) {
    return { id: 'subscriptions.productKey.checkGroup', values: { group: problem.suspectGroup } };
  }
  return { id: 'subscriptions.productKey.typo' };
}

const malformedDetails = z.object({
  reason: z.enum(['length', 'characters', 'checksum']),
  suspectGroup: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
});

/** The key problem a `KEY_MALFORMED` error names, if it names one. */
export function problemOfError(error: AppError | null): Omit<ProductKeyProblem, 'ok'> | null {
  if (error?.code !== 'KEY_MALFORMED') return null;
  const details = malformedDetails.safeParse(error.details);
  if (!details.success) return null;
  const { reason, suspectGroup } = details.data;
  return suspectGroup === undefined ? { reason } : { reason, suspectGroup };
}
