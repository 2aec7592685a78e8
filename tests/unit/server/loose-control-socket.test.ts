import { connect } from 'node:net';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askRunningService } from '../../../server/src/local-control/control-client';
import { controlPath } from '../../../server/src/local-control/control-protocol';
import { type ControlChannel, openControlChannel } from '../../../server/src/local-control/control-server';
import { ensurePrivateFolder } from '../../../server/src/db/private-files';

/** One raw line to the channel, and its answer. */
function send(path: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path, () => socket.write(line));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.once('error', reject);
    socket.once('close', () => resolve(received));
  });
}

describe.skipIf(process.platform === 'win32')('the service control channel', () => {
  let dir: string;
  let channel: ControlChannel;
  const done: string[] = [];
  beforeEach(async () => {
    done.length = 0;
    dir = join(await mkdtemp(join(tmpdir(), 'palisade-control-')), 'data');
    ensurePrivateFolder(dir);
    channel = await openControlChannel({
      dataDir: dir,
      perform: async (task) => {
        done.push(task.command);
        return `did ${task.command}`;
      },
      onError: () => {},
    });
  });
  afterEach(async () => {
    await channel.close();
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('does the CLI commands it knows and nothing else', async () => {
    expect(await askRunningService(dir, { command: 'migrate' })).toBe('did migrate');
    expect(JSON.parse(await send(controlPath(dir), '{"command":"drop everything"}\n'))).toEqual({
      ok: false,
      error: 'The running service did not understand the request.',
    });
    expect(JSON.parse(await send(controlPath(dir), `${'x'.repeat(10_000)}`))).toMatchObject({ ok: false });
    expect(done).toEqual(['migrate']);
  });

  it('is not trusted by the CLI once others may use the socket', async () => {
    await chmod(controlPath(dir), 0o666);
    await expect(askRunningService(dir, { command: 'migrate' })).rejects.toThrow("is not this user's private service socket");
    expect(done).toEqual([]);
  });
});
