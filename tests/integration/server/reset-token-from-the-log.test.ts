import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { GOOD_PASSWORD, uniqueEmail } from './http';

// Without SMTP_URL, mail goes to the outbox: the log may say where, never what the link is.
const { service, api } = useService({ smtp: false });

async function outboxLines(count: number): Promise<{ outboxFile: string; msg: string }[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = service
      .logs()
      .split('\n')
      .filter((line) => line.includes('outboxFile'))
      .map((line) => JSON.parse(line) as { outboxFile: string; msg: string });
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('reading a reset token from the log', () => {
  it('finds the name of the .eml file there, and no link or token', async () => {
    const email = uniqueEmail('log-reader');
    expect((await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Log Reader' })).status).toBeLessThan(300);
    const before = (await outboxLines(1)).length;
    expect((await api.post('/v1/auth/password/forgot', { email })).status).toBe(202);
    const lines = await outboxLines(before + 1);
    expect(lines.length).toBe(before + 1);

    const resetFile = lines.at(-1)!.outboxFile;
    const mail = (await readFile(resetFile, 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const token = /reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail)?.[1];
    expect(token, 'the reset mail in the outbox carries its link').toBeDefined();

    const log = service.logs();
    expect(log).toContain(basename(resetFile));
    expect(lines.at(-1)!.msg).toContain(basename(resetFile));
    expect(log).not.toContain(token!);
    expect(log).not.toMatch(/token=/);
    expect(log).not.toMatch(/\/reset-password|\/confirm\?/);
  });
});
