import type { useT } from '../../i18n/use-t';

type Translate = ReturnType<typeof useT>;

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read aloud and to type by hand. */
export function groupSecret(secret: string, size = 4): string {
  const plain = secret.replace(/\s+/g, '').toUpperCase();
  return plain.match(new RegExp(`.{1,${size}}`, 'g'))?.join(' ') ?? '';
}

/** The account an otpauth:// URL names ("alex@example.com"), to show beside its QR code. */
export function otpauthAccount(url: string): string | null {
  try {
    const label = decodeURIComponent(new URL(url).pathname.replace(/^\/+/, '').replace(/^totp\//, ''));
    const account = label.includes(':') ? label.slice(label.indexOf(':') + 1) : label;
    return account.trim() || null;
  } catch {
    return null;
  }
}

/** The text file "Save to file" writes: the codes, and what they are for, for whoever finds it later. */
export function recoveryCodesText(
  t: Translate,
  codes: readonly string[],
  account: string | null,
  savedAt: Date,
): string {
  return [
    t('settings.recoveryCodes.fileTitle'),
    account ? t('settings.recoveryCodes.fileAccount', { account }) : null,
    // ISO, so the date reads the same whoever opens the file, wherever.
    t('settings.recoveryCodes.fileSaved', { date: savedAt.toISOString().slice(0, 10) }),
    '',
    t('settings.recoveryCodes.fileUse'),
    t('settings.recoveryCodes.fileKeep'),
    '',
    ...codes,
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
}
