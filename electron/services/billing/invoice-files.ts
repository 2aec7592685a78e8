import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/errors';

export interface SavedFile {
  path: string;
  fileName: string;
}

export interface InvoiceFiles {
  /**
   * Writes the PDF into the folder as `Palisade-invoice-<number>.pdf` and returns where.
   * The same bytes already there are reused; a different file of that name is kept, and
   * this one gets ` (2)`, ` (3)`… as browsers do.
   */
  save(number: string, pdf: Buffer): Promise<SavedFile>;
  /** Where this invoice was saved in this run, if the file is still there. */
  savedPath(invoiceId: string): SavedFile | undefined;
  remember(invoiceId: string, file: SavedFile): void;
}

/** The service's PDFs start so; anything else (a proxy's page, say) is not saved as an invoice. */
export function looksLikePdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** Only the number's own characters reach the file name, whatever the service sent. */
function baseName(number: string): string {
  const safe = number.replace(/[^A-Za-z0-9-]/g, '');
  return `Palisade-invoice-${safe || 'unnumbered'}`;
}

export function createInvoiceFiles(folder: () => string): InvoiceFiles {
  const saved = new Map<string, SavedFile>();
  return {
    async save(number, pdf) {
      if (!looksLikePdf(pdf)) {
        throw new AppFailure({ code: 'UNKNOWN', message: 'The account service sent an invoice that is not a PDF.' });
      }
      const dir = folder();
      // A Downloads folder that does not exist yet is made for this user only.
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const base = baseName(number);
      for (let n = 1; n < 100; n++) {
        const fileName = n === 1 ? `${base}.pdf` : `${base} (${n}).pdf`;
        const path = join(dir, fileName);
        if (existsSync(path)) {
          const same = await readFile(path).then((old) => old.equals(pdf), () => false);
          if (same) return { path, fileName };
          continue;
        }
        // Written beside it and renamed, so a half-written file never has the invoice's name.
        const partial = join(dir, `.${fileName}.${randomBytes(4).toString('hex')}.part`);
        try {
          await writeFile(partial, pdf, { mode: 0o600, flag: 'wx' });
          await rename(partial, path);
        } finally {
          await rm(partial, { force: true });
        }
        return { path, fileName };
      }
      throw new AppFailure({ code: 'UNKNOWN', message: 'The Downloads folder has too many copies of this invoice.' });
    },
    savedPath(invoiceId) {
      const file = saved.get(invoiceId);
      return file && existsSync(file.path) ? file : undefined;
    },
    remember(invoiceId, file) {
      saved.set(invoiceId, file);
    },
  };
}
