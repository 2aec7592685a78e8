import type { z } from 'zod';
import {
  type Device,
  type DevicePlatform,
  deviceListSchema,
  deviceSchema,
  type HeartbeatBody,
  heartbeatResponseSchema,
  invitationAcceptResponseSchema,
  invitationResponseSchema,
  type RegisterDeviceBody,
  registerDeviceResponseSchema,
} from '../../../shared/api/devices';
import type { ApiClient } from './api-client';

export type RegisterResponse = z.infer<typeof registerDeviceResponseSchema>;
export type Invitation = z.infer<typeof invitationResponseSchema>;

/** docs/api.md, "Devices". All need a bearer token; ids are path segments, so they are encoded. */
export interface DevicesApi {
  list(): Promise<Device[]>;
  register(body: RegisterDeviceBody, idempotencyKey: string): Promise<RegisterResponse>;
  /** Deactivates `fromDeviceId` and registers this machine in one transaction on the service. */
  transfer(fromDeviceId: string, body: RegisterDeviceBody, idempotencyKey: string): Promise<RegisterResponse>;
  rename(id: string, name: string): Promise<Device>;
  deactivate(id: string): Promise<void>;
  /** This machine as it is now; `DEVICE_MISMATCH` when it is not the device any more. */
  heartbeat(id: string, machine: HeartbeatBody): Promise<{ lease: string }>;
  invite(body: { platform: DevicePlatform; email?: string }): Promise<Invitation>;
  acceptInvitation(token: string): Promise<{ platform: DevicePlatform }>;
}

const devicePath = (id: string) => `/v1/devices/${encodeURIComponent(id)}`;

export function createDevicesApi(client: ApiClient): DevicesApi {
  return {
    list: () => client.request({ method: 'GET', path: '/v1/devices', schema: deviceListSchema, auth: true }),
    register: (body, idempotencyKey) =>
      client.request({ method: 'POST', path: '/v1/devices', body, schema: registerDeviceResponseSchema, auth: true, idempotencyKey }),
    transfer: (fromDeviceId, body, idempotencyKey) =>
      client.request({
        method: 'POST',
        path: `${devicePath(fromDeviceId)}/transfer`,
        body,
        schema: registerDeviceResponseSchema,
        auth: true,
        idempotencyKey,
      }),
    rename: (id, name) => client.request({ method: 'PATCH', path: devicePath(id), body: { name }, schema: deviceSchema, auth: true }),
    deactivate: (id) => client.request({ method: 'DELETE', path: devicePath(id), auth: true }),
    heartbeat: (id, machine) =>
      client.request({
        method: 'POST',
        path: `${devicePath(id)}/heartbeat`,
        body: { fingerprint: machine.fingerprint, components: machine.components },
        schema: heartbeatResponseSchema,
        auth: true,
      }),
    invite: (body) => client.request({ method: 'POST', path: '/v1/devices/invitations', body, schema: invitationResponseSchema, auth: true }),
    acceptInvitation: (token) =>
      client.request({
        method: 'POST',
        path: '/v1/devices/invitations/accept',
        body: { token },
        schema: invitationAcceptResponseSchema,
        auth: true,
      }),
  };
}
