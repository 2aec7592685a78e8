import { lstat } from 'node:fs/promises';
import { connect } from 'node:net';
import { answerSchema, controlPath, type Task } from './control-protocol';

/**
 * Asks the service that holds DATA_DIR's embedded database to do `task`; resolves with what
 * it printed, or undefined when no service listens there. Throws when the service refused
 * or failed, or when the socket is not this user's own.
 */
export async function askRunningService(dataDir: string, task: Task): Promise<string | undefined> {
  const path = controlPath(dataDir);
  if (process.platform !== 'win32') {
    let info;
    try {
      info = await lstat(path);
    } catch {
      return undefined;
    }
    // Someone else's socket in our folder would be someone else answering for our database.
    if (!info.isSocket() || info.uid !== process.getuid?.() || (info.mode & 0o077) !== 0) {
      throw new Error(`${path} is not this user's private service socket; remove it if no service runs.`);
    }
  }
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let received = '';
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(task)}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // Nobody listens: a socket file left by a crashed service, or none at all.
      if (!connected && (error.code === 'ECONNREFUSED' || error.code === 'ENOENT')) resolve(undefined);
      else reject(error);
    });
    socket.once('close', () => {
      if (!connected) return;
      const line = received.split('\n', 1)[0] ?? '';
      let answer;
      try {
        answer = answerSchema.parse(JSON.parse(line));
      } catch {
        reject(new Error('The running service closed the connection before answering.'));
        return;
      }
      if (answer.ok) resolve(answer.output);
      else reject(new Error(answer.error));
    });
  });
}
