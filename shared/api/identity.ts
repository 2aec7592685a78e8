import { z } from 'zod';
import { emailCodeSchema } from '../email-code';
import { languageSchema } from '../i18n/languages';
import { secretText, singleLineText } from '../text';

/**
 * Bodies and responses of the account service's identity routes (docs/api.md,
 * "Identity"). The service validates requests with these; the desktop client parses
 * responses with them.
 */

/** E-mail addresses are compared case-insensitively after trimming. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter an e-mail address like name@example.com.' }));

/**
 * Policy (length, common passwords) is checked separately so it can answer WEAK_PASSWORD.
 * Any character but NUL (../text.ts, `secretText`).
 */
export const passwordInputSchema = secretText({ min: 1, max: 1024 });

/** A person's name, as the app shows it and the e-mails greet with it (../text.ts). */
export const personNameSchema = singleLineText({ min: 1, max: 100, messages: { tooShort: 'Enter your name.' } });

/** Tokens from e-mail links: opaque, URL-safe. */
export const emailTokenSchema = z
  .string()
  .trim()
  .min(16)
  .max(256)
  .regex(/^[A-Za-z0-9_-]+$/, 'That code is not in the right format.');

export const signupBodySchema = z.object({
  email: emailSchema,
  password: passwordInputSchema,
  name: personNameSchema,
  /** The language of the account's e-mails (the app's, at sign-up); English when left out. */
  language: languageSchema.optional(),
});
/** `202 {}` whether or not the address has an account: the answer tells nobody which. */
export const signupResponseSchema = z.object({});

/** The link's token, or the address and the code the same e-mail shows for typing into the app. */
export const confirmBodySchema = z.union([
  z.object({ token: emailTokenSchema }),
  z.object({ email: emailSchema, code: emailCodeSchema }),
]);

export const loginBodySchema = z.object({
  email: emailSchema,
  password: passwordInputSchema,
  /** A name for this session, shown in the account's session list. */
  deviceName: singleLineText({ min: 0, max: 64 }).optional(),
  /**
   * The `deviceToken` this installation got at its last sign-in to this account: a sign-in
   * that presents a valid one is judged by its own failure count, not by the account's lock.
   */
  deviceToken: z.string().min(1).max(512).optional(),
});

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().positive(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

/** A completed sign-in: the token pair and the installation's device token (a new value each time: keep it, per account). */
export const signedInSchema = tokenPairSchema.extend({ deviceToken: z.string() });
export type SignedIn = z.infer<typeof signedInSchema>;

export const mfaChallengeSchema = z.object({
  mfaRequired: z.literal(true),
  mfaToken: z.string(),
});

export const loginResponseSchema = z.union([signedInSchema, mfaChallengeSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const mfaBodySchema = z.object({
  mfaToken: z.string().min(1).max(2048),
  code: z.string().trim().min(6).max(32),
});

export const refreshBodySchema = z.object({ refreshToken: z.string().min(1).max(512) });
export const logoutBodySchema = refreshBodySchema;

export const forgotBodySchema = z.object({ email: emailSchema });
export const resendConfirmationBodySchema = z.object({ email: emailSchema });
export const resetBodySchema = z.union([
  z.object({ token: emailTokenSchema, password: passwordInputSchema }),
  z.object({ email: emailSchema, code: emailCodeSchema, password: passwordInputSchema }),
]);
