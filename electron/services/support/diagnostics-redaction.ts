/**
 * What leaves this computer in a support ticket's diagnostics: log lines with every secret
 * replaced. The logger already redacts what it knows (logger.ts), but a line may hold what
 * it did not (an address in a message, a key in an error's text, a line an older version
 * wrote), and docs/api.md "Support" promises the service no token, password, code, e-mail
 * address other than the account's own, product key or raw hardware serial. This is the
 * second net, and it is deliberately greedy: a harmless word lost costs less than a leak.
 */
export const REDACTED_MARK = '[redacted]';

/** Field names whose value is a secret whatever it holds (`password=…`, `"refreshToken":"…"`, `serial: …`). */
const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:pass(?:word|wd)?|pwd|token|secret|authori[sz]ation|cookie|otp|credential|serial|api[_-]?key|licen[cs]e[_-]?key|product[_-]?key|mac[_-]?address)[A-Za-z0-9_.-]*`;
/**
 * JSON text inside a JSON string (an error that quotes a request body): `\"password\":\"…\"`.
 * Inside, an escaped quote is `\\\"` and an escaped backslash `\\\\`; the string ends at a bare `\"`.
 */
const ESCAPED_STRING = String.raw`\\"(?:\\\\\\"|\\\\\\\\|\\\\|\\[^"\\]|[^\\"])*\\"`;
/** A name (bare, quoted as in JSON, or quoted in JSON within JSON), `=` or `:`, then a quoted string or a bare run up to a separator. */
const secretField = new RegExp(
  String.raw`(\\?["']?)(${SECRET_NAME})\1(\s*[:=]\s*)(${ESCAPED_STRING}|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(?:[^\s,;&}\]"'\\]|\\(?!"))+)`,
  'gi',
);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Patterns for secrets wherever they stand, most specific first (a JWT before the long
 * opaque runs it is made of). `keep` spares a match that is known harmless.
 */
const secretValues: { pattern: RegExp; keep?: (match: string) => boolean }[] = [
  // `Authorization: Bearer …` or any bearer token in text.
  { pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi },
  // JWT-like: base64url JSON header (`eyJ`), a payload and maybe a signature.
  { pattern: /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?/g },
  // The browser host's one-time launch link.
  { pattern: /\/launch\/[A-Za-z0-9_-]{16,}/g },
  // E-mail addresses (the account's own is kept by the caller's `keep`).
  { pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // Product keys: four groups of five Crockford symbols (either case, look-alikes too) joined by any dash.
  { pattern: /(?<![0-9A-Za-z])[0-9A-Za-z]{5}(?:\p{Pd}[0-9A-Za-z]{5}){3}(?![0-9A-Za-z])/gu },
  // MAC addresses, `:` or `-` separated.
  { pattern: /(?<![0-9A-Fa-f])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![0-9A-Fa-f])/g },
  // Opaque tokens (refresh tokens are 43 base64url characters) and long hex ids (fingerprint hashes,
  // serials): a run of 32 or more. A UUID (a ticket's or a device's id) is an id support needs.
  { pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g, keep: (match) => uuid.test(match) },
  { pattern: /(?<![0-9A-Fa-f])[0-9A-Fa-f]{16,}(?![0-9A-Fa-f])/g },
  // Six to eight digits: e-mail and authenticator codes (and anything shaped like them).
  { pattern: /(?<!\d)\d{6,8}(?!\d)/g },
];

export interface RedactionOptions {
  /** The signed-in account's address: support knows it already, so it may stay. */
  accountEmail?: string | null;
}

export interface Redacted {
  text: string;
  /** How many secrets were replaced. */
  count: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The account's own address as a whole address, not as the tail of a longer one (`xanna@…`) or a prefix (`…test.evil.com`). */
function ownAddress(email: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9._%+-])${escapeRegExp(email)}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, 'gi');
}

/** Stands in for the account’s address while the rest is redacted: a private-use mark around a few letters, which no pattern matches. */
const placeholder = (index: number) => `\uE000${index.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)] ?? d)}\uE001`;
const placeholders = /\uE000([a-z]+)\uE001/g;

/** One line with every secret replaced by `[redacted]`, and how many there were. */
export function redactLine(line: string, options: RedactionOptions = {}): Redacted {
  // The account's own address is set aside first, so no pattern (a code, a hex run) eats part of it.
  const kept: string[] = [];
  let text = line;
  if (options.accountEmail && !/[\uE000\uE001]/.test(line)) {
    text = text.replace(ownAddress(options.accountEmail), (match) => placeholder(kept.push(match) - 1));
  }
  let count = 0;
  text = text.replace(secretField, (whole, quote: string, name: string, sep: string, value: string) => {
    const q = /^(\\?["'])?/.exec(value)?.[0] ?? '';
    const bare = q === '' ? value : value.slice(q.length, -q.length);
    if (bare === REDACTED_MARK || bare === '') return whole;
    count += 1;
    return `${quote}${name}${quote}${sep}${q}${REDACTED_MARK}${q}`;
  });
  for (const { pattern, keep } of secretValues) {
    text = text.replace(pattern, (match: string) => {
      if (keep?.(match)) return match;
      count += 1;
      return REDACTED_MARK;
    });
  }
  if (kept.length > 0) {
    text = text.replace(placeholders, (whole, code: string) => {
      const index = parseInt(code.replace(/[q-z]/g, (c) => String('qrstuvwxyz'.indexOf(c))), 26);
      return kept[index] ?? whole;
    });
  }
  return { text, count };
}

/** Every line redacted, and the total replaced. */
export function redactLines(lines: readonly string[], options: RedactionOptions = {}): { lines: string[]; count: number } {
  let count = 0;
  const out = lines.map((line) => {
    const redacted = redactLine(line, options);
    count += redacted.count;
    return redacted.text;
  });
  return { lines: out, count };
}
