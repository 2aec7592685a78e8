/**
 * Values firmware and virtual machines report when there is no real serial. They are the
 * same on millions of machines, so hashing them would make unrelated computers look
 * alike. Compared case-insensitively after trimming.
 */
const knownPlaceholders = new Set(
  [
    'default string',
    'default',
    'to be filled by o.e.m.',
    'to be filled by oem',
    'to be filled',
    'o.e.m.',
    'oem',
    'system serial number',
    'system product name',
    'base board serial number',
    'baseboard serial number',
    'chassis serial number',
    'serial number',
    'serialnumber',
    'not specified',
    'not applicable',
    'not available',
    'not present',
    'not settable',
    'unknown',
    'none',
    'null',
    'undefined',
    'invalid',
    'empty',
    'n/a',
    'na',
    '0123456789',
    '123456789',
    '1234567890',
    // The SMBIOS UUID of countless boards whose vendor never set one.
    '03000200-0400-0500-0006-000700080009',
    '00020003-0004-0005-0006-000700080009',
  ].map((v) => v.toLowerCase()),
);

/** Too short to tell machines apart, e.g. "0", "-", "1". */
const MIN_SIGNIFICANT_LENGTH = 4;

/**
 * True for empty and placeholder values: the known strings above, anything with fewer
 * than four significant characters, and a short unit repeated ("0000…", "FFFF…",
 * "xxxx", "12121212"), which covers all-zero and all-F serials and UUIDs.
 */
export function isPlaceholder(value: string | null | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase();
  if (knownPlaceholders.has(text)) return true;
  const significant = text.replace(/[\s\-:._]/g, '');
  if (significant.length < MIN_SIGNIFICANT_LENGTH) return true;
  return /^(.{1,4})\1+$/.test(significant);
}
