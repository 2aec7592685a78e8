import { chmod, unlink } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { type Answer, answerSchema, controlPath, MAX_REQUEST_BYTES, type Task, taskSchema } from './control-protocol';

export interface ControlChannel {
  path: string;
  close(): Promise<void>;
}

/**
 * The running service's door for the command line: while it holds the embedded database,
 * `keys mint`, `seed-demo` and `migrate` run here, in the process that has it open, and
 * never in a second one. Call only while holding the folder's lock: a socket file left by
 * a crashed service is removed first.
 */
export async function openControlChannel(options: {
  dataDir: string;
  perform: (task: Task) => Promise<string>;
  onError: (error: unknown) => void;
}): Promise<ControlChannel> {
  const path = controlPath(options.dataDir);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', options.onError);
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\n');
      if (end === -1 && received.length <= MAX_REQUEST_BYTES) return;
      socket.off('data', onData);
      void answer(received.slice(0, end === -1 ? MAX_REQUEST_BYTES : end)).then((reply) => socket.end(`${JSON.stringify(answerSchema.parse(reply))}\n`));
    };
    socket.on('data', onData);
  });

  async function answer(line: string): Promise<Answer> {
    let task: Task;
    try {
      task = taskSchema.parse(JSON.parse(line));
    } catch {
      return { ok: false, error: 'The running service did not understand the request.' };
    }
    try {
      return { ok: true, output: await options.perform(task) };
    } catch (error) {
      options.onError(error);
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  if (process.platform !== 'win32') await unlink(path).catch(() => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ path, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', options.onError);
  // The folder (0700) already keeps others out; the socket says so too, whatever the umask.
  if (process.platform !== 'win32') await chmod(path, 0o600);
  return {
    path,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
