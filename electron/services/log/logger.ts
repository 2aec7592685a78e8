/**
 * A small structured logger for the main process and the browser host. Every field goes
 * through `redact` first, so a token or password handed to a log call never reaches the
 * output (docs/architecture.md, "Security model").
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

const levels: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Field names whose values are secrets, whatever they hold. `code` is an MFA code; error
 * codes are logged as `errorCode`. A card's number and CVC are never logged either.
 */
const secretKey = /pass(word)?|token|secret|authori[sz]ation|cookie|^code$|otp|credential|card_?number|^pan$|cvc|cvv/i;
/** Values that look like bearer tokens or JWTs, wherever they appear. */
const secretValue = [/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*)?/g, /\/launch\/[A-Za-z0-9_-]{16,}/g];

export const REDACTED = '[redacted]';

/** Returns a copy of `value` safe to log. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return secretValue.reduce((s, re) => s.replace(re, REDACTED), value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = secretKey.test(key) ? REDACTED : redact(v, depth + 1);
  return out;
}

/** Name and message of anything thrown, never the whole object (axios errors carry request headers). */
export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: String(redact(error.message)) };
  return { name: typeof error, message: String(redact(String(error))) };
}

export interface LoggerOptions {
  scope: string;
  level?: LogLevel;
  /** Where lines go; stderr by default so stdout stays free for the one line the host prints. */
  write?: (line: string) => void;
}

export function createLogger({ scope, level = 'info', write = (line) => process.stderr.write(`${line}\n`) }: LoggerOptions): Logger {
  const min = levels[level];
  const log = (lvl: LogLevel) => (message: string, fields?: LogFields) => {
    if (levels[lvl] < min) return;
    const extra = fields ? ` ${JSON.stringify(redact(fields))}` : '';
    write(`${new Date().toISOString()} ${lvl.padEnd(5)} [${scope}] ${String(redact(message))}${extra}`);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (sub) => createLogger({ scope: `${scope}:${sub}`, level, write }),
  };
}

/** Where the main process and the browser host log: stderr and, when given, the log file in the user data folder. */
export function stderrAndFile(file?: { write(line: string): void }): (line: string) => void {
  return (line) => {
    process.stderr.write(`${line}\n`);
    file?.write(line);
  };
}

/** For tests and callers that want silence. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

export function logLevelFromEnv(value: string | undefined): LogLevel {
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' ? value : 'info';
}
