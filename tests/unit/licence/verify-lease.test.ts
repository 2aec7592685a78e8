import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyLease } from '../../../electron/services/licence';
import { NOW, leasePayload, licenceKeyPair, signLease } from './lease-keys';

const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('verifyLease', async () => {
  const licence = await licenceKeyPair();
  const stranger = await licenceKeyPair();
  const payload = leasePayload();
  const jws = await signLease(payload, licence.privateKey);

  it('accepts a valid lease and returns its payload', async () => {
    expect(await verifyLease(jws, licence.publicJwk, { now: NOW })).toEqual({ ok: true, lease: payload });
    expect(
      await verifyLease(jws, licence.publicJwk, { now: NOW, expectedFingerprint: payload.fingerprint }),
    ).toMatchObject({ ok: true });
  });

  it('accepts the fully specified Ed25519 algorithm name too', async () => {
    const ed25519 = await signLease(payload, licence.privateKey, 'Ed25519');
    expect(await verifyLease(ed25519, licence.publicJwk, { now: NOW })).toMatchObject({ ok: true });
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = jws.split('.');
    const extended = b64url(JSON.stringify({ ...payload, protectedUntil: '2099-01-01T00:00:00.000Z' }));
    expect(await verifyLease(`${header}.${extended}.${signature}`, licence.publicJwk, { now: NOW })).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses a flipped signature bit', async () => {
    const [header, body, signature = ''] = jws.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const flipped = `${header}.${body}.${bytes.toString('base64url')}`;
    expect(await verifyLease(flipped, licence.publicJwk, { now: NOW })).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a lease signed with another key', async () => {
    const forged = await signLease(payload, stranger.privateKey);
    expect(await verifyLease(forged, licence.publicJwk, { now: NOW })).toEqual({ ok: false, reason: 'signature' });
    expect(await verifyLease(jws, stranger.publicJwk, { now: NOW })).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses "none" and an HMAC made with the public key (algorithm confusion)', async () => {
    const body = b64url(JSON.stringify(payload));
    const none = `${b64url('{"alg":"none"}')}.${body}.`;
    expect(await verifyLease(none, licence.publicJwk, { now: NOW })).toMatchObject({ ok: false });
    const header = b64url('{"alg":"HS256"}');
    const mac = createHmac('sha256', Buffer.from(licence.publicJwk.x, 'base64url'))
      .update(`${header}.${body}`)
      .digest('base64url');
    expect(await verifyLease(`${header}.${body}.${mac}`, licence.publicJwk, { now: NOW })).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses an expired lease, from the instant it expires', async () => {
    expect(await verifyLease(jws, licence.publicJwk, { now: new Date(payload.expiresAt) })).toEqual({
      ok: false,
      reason: 'expired',
    });
    const old = await signLease(leasePayload({ expiresAt: '2025-05-01T00:00:00.000Z' }), licence.privateKey);
    expect(await verifyLease(old, licence.publicJwk, { now: NOW })).toEqual({ ok: false, reason: 'expired' });
    // one millisecond before, still good
    const justBefore = new Date(Date.parse(payload.expiresAt) - 1);
    expect(await verifyLease(jws, licence.publicJwk, { now: justBefore })).toMatchObject({ ok: true });
  });

  it('refuses a lease for another machine when a fingerprint is expected', async () => {
    expect(await verifyLease(jws, licence.publicJwk, { now: NOW, expectedFingerprint: 'e'.repeat(64) })).toEqual({
      ok: false,
      reason: 'fingerprint',
    });
  });

  it('calls a broken token malformed, and a signed non-lease malformed', async () => {
    for (const broken of ['', 'not-a-jws', 'a.b', 'a.b.c.d', `${b64url('{"alg":')}.e30.sig`]) {
      expect(await verifyLease(broken, licence.publicJwk, { now: NOW })).toEqual({ ok: false, reason: 'malformed' });
    }
    const notJson = await signLease('hello', licence.privateKey);
    expect(await verifyLease(notJson, licence.publicJwk, { now: NOW })).toEqual({ ok: false, reason: 'malformed' });
    const { plan: _plan, ...withoutPlan } = payload;
    const incomplete = await signLease(withoutPlan, licence.privateKey);
    expect(await verifyLease(incomplete, licence.publicJwk, { now: NOW })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('checks the signature before anything the payload claims', async () => {
    const forgedExpired = await signLease(leasePayload({ expiresAt: '2020-01-01T00:00:00.000Z' }), stranger.privateKey);
    expect(await verifyLease(forgedExpired, licence.publicJwk, { now: NOW })).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses everything against an unusable key', async () => {
    const bad = { ...licence.publicJwk, x: 'A'.repeat(10) };
    expect(await verifyLease(jws, bad, { now: NOW })).toEqual({ ok: false, reason: 'signature' });
  });
});
