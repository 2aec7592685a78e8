import type { EmailTokenPurpose } from '../db/schema';

/** The web page each e-mail link opens; it shows the code and offers the palisade:// link. */
export const emailLinkPaths: Record<EmailTokenPurpose, string> = {
  confirm_email: '/confirm',
  reset_password: '/reset-password',
};

export const emailLink = (publicUrl: string, purpose: EmailTokenPurpose, token: string): string =>
  `${publicUrl}${emailLinkPaths[purpose]}?token=${encodeURIComponent(token)}`;
