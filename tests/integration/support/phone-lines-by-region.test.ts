import { describe, expect, it } from 'vitest';
import { contactListSchema } from '../../../shared/api/support-contacts';
import { useService } from '../../support/use-service';
import { expectError } from '../server/http';

// Tuesday 14 July 2026, 17:30 UTC: 19:30 in Berlin (open until 20:00), 01:30 Wednesday in Tokyo (closed).
let clock = new Date('2026-07-14T17:30:00Z');
const { api } = useService({ smtp: false, now: () => clock });

const lines = async (query: string) => {
  const answer = await api.get(`/v1/support/contacts${query}`);
  expect(answer.status).toBe(200);
  return contactListSchema.parse(answer.body);
};

describe('GET /v1/support/contacts', () => {
  it('answers every line without a region, the international one last, open or not by the service clock', async () => {
    const all = await lines('');
    expect(all.length).toBeGreaterThanOrEqual(13);
    expect(all.at(-1)?.region).toBe('ZZ');
    expect(all.find((line) => line.region === 'DE')).toMatchObject({ timeZone: 'Europe/Berlin', openNow: true });
    expect(all.find((line) => line.region === 'JP')).toMatchObject({ timeZone: 'Asia/Tokyo', openNow: false });
  });

  it('answers a region’s own line in either case, and an unknown region the international line', async () => {
    expect((await lines('?region=de')).map((line) => line.region)).toEqual(['DE']);
    expect((await lines('?region=AT'))[0]).toMatchObject({ region: 'AT', languages: ['de'] });
    expect((await lines('?region=QQ')).map((line) => line.region)).toEqual(['ZZ']);
  });

  it('follows the service clock: Berlin closes at 20:00 its time', async () => {
    clock = new Date('2026-07-14T18:00:00Z');
    expect((await lines('?region=DE'))[0]?.openNow).toBe(false);
    clock = new Date('2026-07-14T17:30:00Z');
  });

  it('refuses a malformed region with the field named', async () => {
    for (const region of ['D', 'DEU', '12', 'd%C3%A9', '%27%3B--']) {
      const details = expectError(await api.get(`/v1/support/contacts?region=${region}`), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(details)).toContain('region');
    }
  });
});
