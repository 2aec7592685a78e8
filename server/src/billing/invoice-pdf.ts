import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { planName } from '../../../shared/plans';
import { messagesIn } from '../i18n/service-messages';
import type { InvoiceRow } from './billing-tables';
import { cardLabel } from './card-facts';
import { formatDay, formatMoney } from './billing-formats';
import { invoiceDescription } from './invoices';
import { ratePercent } from './tax';

const require = createRequire(import.meta.url);
/** DejaVu Sans covers Latin, Greek and Cyrillic, so every holder's name prints as written. */
const regularFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Who sells: printed on every invoice. */
export const seller = {
  name: 'Palisade Security GmbH',
  address: ['Musterstraße 1', '10115 Berlin', 'Germany'],
  vatId: 'DE000000000',
} as const;

/**
 * The invoice as a PDF, in the language it was issued in. Its dates come from the invoice,
 * not the clock, so the same invoice makes the same document whenever it is downloaded.
 */
export function invoicePdf(invoice: InvoiceRow): Promise<Buffer> {
  const { text } = messagesIn(invoice.language);
  const lang = invoice.language;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang,
    info: {
      Title: `${text('payments.invoice.title')} ${invoice.number}`,
      Author: seller.name,
      Creator: 'Palisade',
      Producer: 'Palisade',
      CreationDate: invoice.issued_at,
      ModDate: invoice.issued_at,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('regular', regularFont);
  doc.registerFont('bold', boldFont);

  doc.font('bold').fontSize(20).text(text('payments.invoice.title'));
  doc.font('regular').fontSize(10).fillColor('#1a7f37').text(text('payments.invoice.paid')).fillColor('#000000');
  doc.moveDown();

  doc.font('bold').text(text('payments.invoice.seller'));
  doc.font('regular').text(seller.name);
  for (const line of seller.address) doc.text(line);
  doc.text(`VAT ID ${seller.vatId}`);
  doc.moveDown();

  const row = (label: string, value: string) => {
    doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value);
  };
  row(text('payments.invoice.number'), invoice.number);
  row(text('payments.invoice.date'), formatDay(lang, invoice.issued_at));
  doc.moveDown();

  doc.font('bold').text(text('payments.invoice.billedTo'));
  doc.font('regular').text(invoice.holder_name);
  row(text('payments.invoice.email'), invoice.holder_email);
  doc.moveDown();

  row(text('payments.invoice.description'), invoiceDescription(invoice));
  row(text('payments.invoice.plan'), planName(invoice.plan));
  row(text('payments.invoice.seats'), String(invoice.seats));
  row(
    text('payments.invoice.term'),
    invoice.term_years === null ? text('payments.invoice.termRest') : text('payments.invoice.termYears', { years: invoice.term_years }),
  );
  row(text('payments.invoice.newExpiry'), formatDay(lang, invoice.expires_at));
  doc.moveDown();

  doc.font('bold').fontSize(14).text(`${text('payments.invoice.amount')}: ${formatMoney(lang, invoice.amount, invoice.currency)}`);
  doc
    .font('regular')
    .fontSize(10)
    .text(
      `${text('payments.invoice.taxIncluded', { rate: new Intl.NumberFormat(lang).format(ratePercent(invoice.tax_rate_bp)), country: invoice.country })}: ${formatMoney(lang, invoice.tax_amount, invoice.currency)}`,
    );
  row(text('payments.invoice.card'), cardLabel({ brand: invoice.card_brand, last4: invoice.card_last4 }));
  doc.moveDown(2);
  doc.fontSize(9).fillColor('#555555').text(text('payments.invoice.thanks'));

  doc.end();
  return done;
}

export const invoiceFileName = (invoice: Pick<InvoiceRow, 'number'>): string => `Palisade-invoice-${invoice.number}.pdf`;
