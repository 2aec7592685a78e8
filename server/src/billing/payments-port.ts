import type { DeclineReason } from '../../../shared/api/billing';

/**
 * What the service asks of a payment provider. A real one (Stripe, Adyen) fills the same
 * interface: the card's number and CVC go to `tokenise` and are never kept, logged or sent
 * anywhere else; everything after works on the token.
 */
export interface PaymentsPort {
  /** Stored with each method, so a token is always charged by the provider that made it. */
  readonly name: string;
  /** Checks the card with its bank and returns a reusable token (or why it was refused). */
  tokenise(card: CardDetails): Promise<TokeniseResult>;
  /**
   * Charges a token. `idempotencyKey` makes a retried call charge at most once at the
   * provider (Stripe's and Adyen's idempotency keys); the service passes the attempt's id.
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

export interface CardDetails {
  /** Digits only, Luhn-checked. */
  number: string;
  cvc: string;
  expMonth: number;
  expYear: number;
  holder: string;
}

export type TokeniseResult = { ok: true; token: string } | { ok: false; reason: DeclineReason };

export interface ChargeRequest {
  token: string;
  /** Minor units, tax included. */
  amount: number;
  currency: string;
  idempotencyKey: string;
  /** For the statement and the provider's dashboard: `Palisade PAL-…`. */
  description: string;
}

export type ChargeResult = { ok: true; reference: string } | { ok: false; reason: DeclineReason };
