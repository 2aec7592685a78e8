import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { type PaymentMethod, paymentMethodSchema } from '../../../shared/api/billing';
import { type ChargedChange, chargedChangeSchema } from '../../../shared/api/subscriptions';
import type { Client } from '../server/http';

const run = promisify(execFile);

/** The sandbox's test cards (docs/api.md). */
export const cards = {
  visa: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  declinedWhenAdded: '4000 0000 0000 0002',
  everyChargeDeclined: '4000 0000 0000 0341',
  insufficientFunds: '4000 0000 0000 9995',
} as const;

/** Every test card's digits, and the CVC the tests type: what must never be found at rest. */
export const cardSecrets = [...Object.values(cards).map((c) => c.replaceAll(' ', '')), '737'];

export const cardBody = (cardNumber: string, extra: Record<string, unknown> = {}) => ({
  cardNumber,
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 3,
  cvc: '737',
  holder: 'Test Person',
  country: 'DE',
  ...extra,
});

export async function addCard(api: Client, token: string, cardNumber: string = cards.visa, extra: Record<string, unknown> = {}): Promise<PaymentMethod> {
  const answer = await api.post('/v1/billing/payment-methods', cardBody(cardNumber, extra), token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return paymentMethodSchema.parse(answer.body);
}

export const renewWith = (api: Client, token: string, subscriptionId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api.request('POST', `/v1/subscriptions/${subscriptionId}/renew`, { json: body, token, headers });

export async function renewed(api: Client, token: string, subscriptionId: string, body: Record<string, unknown>): Promise<ChargedChange> {
  const answer = await renewWith(api, token, subscriptionId, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return chargedChangeSchema.parse(answer.body);
}

/** `GET …/pdf` as bytes. */
export async function invoicePdfBytes(baseUrl: string, token: string, invoiceId: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${baseUrl}/v1/billing/invoices/${invoiceId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** `qpdf --check` passes and `pdftotext` gives the document's text. */
export async function checkedPdfText(bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-invoice-'));
  try {
    const file = join(dir, 'invoice.pdf');
    await writeFile(file, bytes);
    const check = await run('qpdf', ['--check', file]);
    expect(check.stdout).toMatch(/No syntax or stream encoding errors found/);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
