import { z } from 'zod';

/**
 * The text rule of docs/api.md ("Conventions", Text): what a person or a client types and
 * the service stores, shows or mails holds no control character (Unicode `Cc`, NUL
 * included: PostgreSQL refuses it in text) and no bidirectional override or isolate
 * (U+202A–U+202E, U+2066–U+2069: they make text display as something other than what it
 * is). A single-line field also refuses the line and paragraph separators (U+2028, U+2029),
 * which break a line as surely as `\n`; a multi-line field allows `\n` and nothing else of
 * these.
 *
 * A refusal is zod's `invalid_format` with `format` one of `textFormats`, so a client says
 * in its own language that the text holds characters that cannot be used.
 */
export const textFormats = ['single_line_text', 'multi_line_text', 'secret_text'] as const;
export type TextFormat = (typeof textFormats)[number];

export const isTextFormat = (format: string | undefined): format is TextFormat =>
  textFormats.includes(format as TextFormat);

const BIDI_CONTROLS = '\\u202a-\\u202e\\u2066-\\u2069';
const LINE_SEPARATORS = '\\u2028\\u2029';
// `\p{Cc}` without `\n`: U+0000–U+0009, U+000B–U+001F, U+007F–U+009F.
const CC_BUT_NEWLINE = '\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f';

const singleLinePattern = new RegExp(`^[^\\p{Cc}${LINE_SEPARATORS}${BIDI_CONTROLS}]*$`, 'u');
const multiLinePattern = new RegExp(`^[^${CC_BUT_NEWLINE}${LINE_SEPARATORS}${BIDI_CONTROLS}]*$`, 'u');
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const secretPattern = /^[^\u0000]*$/u;

export interface TextBounds {
  /** The fewest characters after trimming; 0 allows an empty string. */
  min: number;
  /** The most characters after trimming. */
  max: number;
  /** Count code points, as a person counts "🛡️" or "é", rather than UTF-16 units. */
  countCodePoints?: boolean;
  /** English for developers and logs, as every zod message. */
  messages?: { tooShort?: string; tooLong?: string };
}

/** A name, a device name, an OS description: trimmed, one line, nothing that reorders or hides text. */
export function singleLineText(bounds: TextBounds) {
  return boundedText(bounds).check(
    z.stringFormat('single_line_text', singleLinePattern, {
      message: 'Use text on one line, without control characters or text-direction controls.',
    }),
  );
}

/** A message or a ticket body: as `singleLineText`, but `\n` may break lines (no `\r`, no separators). */
export function multiLineText(bounds: TextBounds) {
  return boundedText(bounds).check(
    z.stringFormat('multi_line_text', multiLinePattern, {
      message: 'Use text without control characters (other than line breaks) or text-direction controls.',
    }),
  );
}

/**
 * A password: never trimmed, shown, stored or mailed, so any character a person chose is
 * kept, except NUL, which C-based hashers cut the password at.
 */
export function secretText(bounds: Pick<TextBounds, 'min' | 'max'>) {
  return z
    .string()
    .min(bounds.min)
    .max(bounds.max)
    .check(z.stringFormat('secret_text', secretPattern, { message: 'A password cannot contain the NUL character.' }));
}

function boundedText({ min, max, countCodePoints = false, messages = {} }: TextBounds) {
  const trimmed = z.string().trim();
  if (!countCodePoints) return trimmed.min(min, messages.tooShort).max(max, messages.tooLong);
  // A code point is at most two UTF-16 units: this outer bound is what the OpenAPI document
  // can show (`maxLength`), the check below the bound a person counts.
  return trimmed.min(min, messages.tooShort).max(max * 2, messages.tooLong).check((ctx) => {
    if ([...ctx.value].length <= max) return;
    ctx.issues.push({
      code: 'too_big',
      origin: 'string',
      maximum: max,
      inclusive: true,
      input: ctx.value,
      message: messages.tooLong ?? `Too long: at most ${max} characters.`,
    });
  });
}

const lineBreakers = new RegExp(`[\\p{Cc}${LINE_SEPARATORS}]+`, 'gu');
const bidiControls = new RegExp(`[${BIDI_CONTROLS}]`, 'gu');

/**
 * Text from anywhere (stored before the rule, or from a source that never had it) made
 * safe to put into a line of a sentence: each run of control characters and line
 * separators becomes one space, bidirectional overrides and isolates are dropped, the ends
 * are trimmed. It can then neither break a line nor reorder the text around it.
 */
export function neutralisedText(text: string): string {
  return text.replace(bidiControls, '').replace(lineBreakers, ' ').trim();
}
