import { describe, expect, it } from 'vitest';
import {
  deviceFingerprintSchema,
  deviceNameSchema,
  deviceSchema,
  invitationBodySchema,
  licencePublicKeyResponseSchema,
  registerDeviceBodySchema,
  seatLimitDetailsSchema,
} from '../../../shared/api/devices';
import { leasePayloadSchema } from '../../../shared/lease';

const hex = (c: string) => c.repeat(64);

describe('device names', () => {
  it('are trimmed and kept when 1 to 64 characters', () => {
    expect(deviceNameSchema.parse('  Anna’s laptop \n')).toBe('Anna’s laptop');
    expect(deviceNameSchema.parse('x'.repeat(64))).toHaveLength(64);
    // 64 emoji are 128 UTF-16 units but 64 characters.
    expect(deviceNameSchema.safeParse('🛡'.repeat(64)).success).toBe(true);
  });

  it('refuses empty, over-long and control-character names', () => {
    expect(deviceNameSchema.safeParse('   ').success).toBe(false);
    expect(deviceNameSchema.safeParse('x'.repeat(65)).success).toBe(false);
    expect(deviceNameSchema.safeParse('🛡'.repeat(65)).success).toBe(false);
    expect(deviceNameSchema.safeParse('desk\ntop').success).toBe(false);
    expect(deviceNameSchema.safeParse('desk\u0000top').success).toBe(false);
    expect(deviceNameSchema.safeParse('desk\u007ftop').success).toBe(false);
    expect(deviceNameSchema.safeParse('desk\u202etop').success).toBe(false);
  });
});

describe('device bodies', () => {
  const body = {
    fingerprint: hex('a'),
    components: [hex('b'), hex('c')],
    name: ' Study PC ',
    os: 'Windows 11 Pro',
    platform: 'windows',
    appVersion: '0.1.0',
  };

  it('accepts a registration and trims the name', () => {
    expect(registerDeviceBodySchema.parse(body)).toMatchObject({ name: 'Study PC' });
    expect(registerDeviceBodySchema.parse({ ...body, subscriptionId: 's1' })).toMatchObject({ subscriptionId: 's1' });
  });

  it('accepts only digests as fingerprint and components, so a raw serial cannot be sent', () => {
    expect(registerDeviceBodySchema.safeParse({ ...body, components: ['C02XK0ZJJG5H'] }).success).toBe(false);
    expect(registerDeviceBodySchema.safeParse({ ...body, components: [hex('B')] }).success).toBe(false);
    expect(registerDeviceBodySchema.safeParse({ ...body, fingerprint: 'abc' }).success).toBe(false);
    expect(registerDeviceBodySchema.safeParse({ ...body, components: [] }).success).toBe(false);
    expect(registerDeviceBodySchema.safeParse({ ...body, platform: 'amiga' }).success).toBe(false);
  });

  it('parses devices and seat-limit details', () => {
    const device = {
      id: 'd1',
      name: 'Study PC',
      os: 'Windows 11',
      platform: 'windows',
      subscriptionId: 's1',
      status: 'active',
      registeredAt: '2025-01-01T00:00:00Z',
      lastSeenAt: '2025-02-01T00:00:00Z',
    };
    expect(seatLimitDetailsSchema.parse({ devices: [device] }).devices[0]).toEqual(device);
    expect(deviceSchema.safeParse({ ...device, status: 'gone' }).success).toBe(false);
  });

  it('invitations take an optional e-mail address and a platform', () => {
    expect(invitationBodySchema.parse({ platform: 'android' })).toEqual({ platform: 'android' });
    expect(invitationBodySchema.parse({ email: ' Ann@Example.com ', platform: 'ios' })).toEqual({
      email: 'ann@example.com',
      platform: 'ios',
    });
    expect(invitationBodySchema.safeParse({ email: 'nope', platform: 'ios' }).success).toBe(false);
  });

  it('a device fingerprint lists kinds and hashes only', () => {
    const fp = { fingerprint: hex('a'), components: [{ kind: 'mac', hash: hex('b') }] };
    expect(deviceFingerprintSchema.parse(fp)).toEqual(fp);
    expect(deviceFingerprintSchema.safeParse({ ...fp, components: [{ kind: 'cpu', hash: hex('b') }] }).success).toBe(
      false,
    );
  });
});

describe('licence', () => {
  it('the public key is an Ed25519 JWK', () => {
    const response = { alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) } };
    // A service from before licence-key rotation names no rotations.
    expect(licencePublicKeyResponseSchema.parse(response)).toEqual({ ...response, rotations: [] });
    expect(
      licencePublicKeyResponseSchema.safeParse({ ...response, jwk: { ...response.jwk, crv: 'X25519' } }).success,
    ).toBe(false);
    expect(
      licencePublicKeyResponseSchema.safeParse({ ...response, jwk: { ...response.jwk, x: 'short' } }).success,
    ).toBe(false);
  });

  it('a lease payload names device, subscription, fingerprint, plan and times', () => {
    const lease = {
      deviceId: 'd1',
      subscriptionId: 's1',
      fingerprint: hex('f'),
      plan: 'family',
      protectedUntil: '2026-01-01T00:00:00.000Z',
      issuedAt: '2025-06-01T00:00:00.000Z',
      expiresAt: '2025-06-15T00:00:00.000Z',
    };
    expect(leasePayloadSchema.parse({ ...lease, iat: 1 })).toEqual(lease);
    expect(leasePayloadSchema.safeParse({ ...lease, plan: 'gold' }).success).toBe(false);
    expect(leasePayloadSchema.safeParse({ ...lease, expiresAt: undefined }).success).toBe(false);
  });
});
