import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../server/src/config';

describe('the key folder (KEYS_DIR)', () => {
  it('is DATA_DIR/keys when unset, where data folders from before keep their keys', () => {
    expect(loadConfig({ DATA_DIR: '/srv/palisade' }).keysDir).toBe(join('/srv/palisade', 'keys'));
    expect(loadConfig({ DATA_DIR: '/srv/palisade', KEYS_DIR: ' ' }).keysDir).toBe(join('/srv/palisade', 'keys'));
  });

  it('is KEYS_DIR when set, whatever DATA_DIR is, so instances with their own data folders share one', () => {
    expect(loadConfig({ DATA_DIR: '/srv/one', KEYS_DIR: '/srv/keys' }).keysDir).toBe('/srv/keys');
    expect(loadConfig({ DATA_DIR: '/srv/two', KEYS_DIR: '/srv/keys' }).keysDir).toBe('/srv/keys');
  });

  it('follows a data folder given as an override when KEYS_DIR is unset', () => {
    expect(loadConfig({}, { dataDir: '/tmp/elsewhere' }).keysDir).toBe(join('/tmp/elsewhere', 'keys'));
  });
});
