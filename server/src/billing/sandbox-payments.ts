import { createHash, randomBytes } from 'node:crypto';
import type { DeclineReason } from '../../../shared/api/billing';
import type { CardDetails, ChargeRequest, ChargeResult, PaymentsPort, TokeniseResult } from './payments-port';

/** How a sandbox card behaves after it is added (docs/api.md, the test cards). */
type Behaviour = 'ok' | 'declines' | 'insufficient';

/**
 * The test cards of docs/api.md, exactly; any other number that passes the Luhn check
 * behaves as 4242 4242 4242 4242 (the sandbox has no bank to ask).
 */
const testCards: Readonly<Record<string, { added: DeclineReason | 'ok'; charges: Behaviour }>> = {
  '4242424242424242': { added: 'ok', charges: 'ok' },
  '5555555555554444': { added: 'ok', charges: 'ok' },
  '4000000000000002': { added: 'card_declined', charges: 'declines' },
  '4000000000000341': { added: 'ok', charges: 'declines' },
  '4000000000009995': { added: 'ok', charges: 'insufficient' },
};

const TOKEN = /^sbx_(ok|declines|insufficient)_[0-9a-f]{32}$/;

/**
 * The built-in provider. Its token carries how the card behaves and random bytes, never
 * anything of the number, so the sandbox needs no memory across processes (`jobs run`
 * charges a token the service made). A charge's reference is derived from its idempotency
 * key, so a repeat of one charge answers alike, as a real provider's would.
 */
export function createSandboxPayments(): PaymentsPort {
  return {
    name: 'sandbox',
    async tokenise(card: CardDetails): Promise<TokeniseResult> {
      const known = testCards[card.number] ?? { added: 'ok', charges: 'ok' };
      if (known.added !== 'ok') return { ok: false, reason: known.added };
      return { ok: true, token: `sbx_${known.charges}_${randomBytes(16).toString('hex')}` };
    },
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const behaviour = TOKEN.exec(request.token)?.[1] as Behaviour | undefined;
      if (behaviour === undefined) return { ok: false, reason: 'processing_error' };
      if (behaviour === 'declines') return { ok: false, reason: 'card_declined' };
      if (behaviour === 'insufficient') return { ok: false, reason: 'insufficient_funds' };
      const reference = createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24);
      return { ok: true, reference: `sbx_ch_${reference}` };
    },
  };
}

/** The provider a deployment charges with; the sandbox is the only one built in. */
export const paymentsProvider: PaymentsPort = createSandboxPayments();
