import { describe, expect, it } from 'vitest';
import { REDACTED_MARK, redactLine, redactLines } from '../../../electron/services/support/diagnostics-redaction';

const own = 'anna@example.test';
const jwt = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1MSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const refresh = 'Qk3m9xZr_7yTq2Lw-8vNc4Hs1Ge6Jd0Pa5Ub3Xf2Ri9';

describe('redacting a log line for a support ticket', () => {
  it.each([
    ['a bearer token', `request failed {"headers":"Authorization: Bearer ${refresh}"}`, refresh],
    ['a JWT in a message', `token was ${jwt} and expired`, jwt],
    ['a refresh token by itself', `rotated ${refresh} at noon`, refresh],
    ['password=', 'login password=hunter2-hunter2 ok', 'hunter2-hunter2'],
    ['"password":"…" with an escaped quote', '{"password":"se\\"cret pass"}', 'se\\"cret pass'],
    ['"refreshToken":"…"', `{"refreshToken":"abc.def"}`, 'abc.def'],
    ['a password in JSON quoted inside JSON', String.raw`{"error":"body was {\"password\":\"hunter\\\"22\",\"x\":1}"}`, 'hunter'],
    ['a password with a backslash', String.raw`login password=C:\temp\secret9 ok`, 'secret9'],
    ['another e-mail address', 'invited bob@elsewhere.example to the plan', 'bob@elsewhere.example'],
    ['a six-digit code', 'mfa code 493021 accepted', '493021'],
    ['an eight-digit code', 'confirm with 12345678.', '12345678'],
    ['a product key', 'activating 7K3QM-X9PRT-4HWVZ-2NDB8 now', '7K3QM-X9PRT-4HWVZ-2NDB8'],
    ['a product key typed in lower case with an en dash', 'key 7k3qm–x9prt–4hwvz–2ndb8', '7k3qm–x9prt–4hwvz–2ndb8'],
    ['a MAC address', 'adapter 3c:22:fb:01:9a:7e up', '3c:22:fb:01:9a:7e'],
    ['a long hex id (a fingerprint hash)', `fingerprint ${'a1b2c3d4'.repeat(8)}`, 'a1b2c3d4'.repeat(8)],
    ['a serial by name', 'disk serial=WD-WCC4N7KX1234 found', 'WD-WCC4N7KX1234'],
  ])('replaces %s', (_what, line, secret) => {
    const { text, count } = redactLine(line, { accountEmail: own });
    expect(text).not.toContain(secret);
    expect(text).toContain(REDACTED_MARK);
    expect(count).toBeGreaterThan(0);
  });

  it('keeps the account’s own address, in any case, and what support needs to read', () => {
    const line = `2026-12-03T08:32:30.123Z info  [host:tickets] ticket 3f2c8a10-1b2c-4d5e-8f90-a1b2c3d4e5f6 for ANNA@example.test on port 4600 {"errorCode":"TICKET_CLOSED"}`;
    expect(redactLine(line, { accountEmail: own })).toEqual({ text: line, count: 0 });
  });

  it('does not count what the logger already redacted', () => {
    expect(redactLine('{"password":"[redacted]","token":"[redacted]"}')).toEqual({
      text: '{"password":"[redacted]","token":"[redacted]"}',
      count: 0,
    });
  });

  it('counts every secret across lines', () => {
    const { lines, count } = redactLines(['code 123456 and 654321', `bob@x.example ${jwt}`, 'nothing here']);
    expect(count).toBe(4);
    expect(lines[2]).toBe('nothing here');
  });
});
