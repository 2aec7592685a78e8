import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, it } from 'vitest';

const config = parse(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as {
  electronFuses?: Record<string, boolean>;
};

it.each([
  ['runAsNode', false],
  ['enableNodeOptionsEnvironmentVariable', false],
  ['enableNodeCliInspectArguments', false],
  ['grantFileProtocolExtraPrivileges', false],
  ['enableCookieEncryption', true],
  ['enableEmbeddedAsarIntegrityValidation', true],
  ['onlyLoadAppFromAsar', true],
])('packages the app with the %s fuse set to %s', (fuse, value) => {
  expect(config.electronFuses?.[fuse]).toBe(value);
});
