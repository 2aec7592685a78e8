import { afterEach, describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { signedInAccount } from '../protection/protection-fixture';
import { expectError } from '../server/http';
import { ofType, type OpenStream, openStream } from './event-stream-client';

const { service, api, smtp } = useService({ env: { EVENTS_KEEP_ALIVE_MS: '200' } });
const streams: OpenStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));
const open = async (token: string | undefined, lastEventId?: string) => {
  const stream = await openStream(service.url, token, lastEventId);
  streams.push(stream);
  return stream;
};

describe('the account event stream', () => {
  it('refuses a caller without a valid access token with 401 in the error envelope', async () => {
    expectError(await api.get('/v1/events'), 401, 'UNAUTHORIZED');
    expectError(await api.get('/v1/events', 'not-a-token'), 401, 'UNAUTHORIZED');
  });

  it('opens with ready, says it must not be cached, and keeps an idle stream open with a comment line', async () => {
    const account = await signedInAccount(api, smtp, 'events-basics');
    const stream = await open(account.token);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    const ready = await stream.next(ofType('ready'));
    expect(ready.data).toEqual({ replayed: 0 });
    expect(ready.id).toMatch(/^\d+-\d+$/);
    expect((await stream.next((m) => m.comment !== undefined, 1000)).comment).toBe('keep-alive');
  });
});
