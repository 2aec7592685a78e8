import { describe, expect, it } from 'vitest';
import { deviceListSchema, heartbeatResponseSchema } from '../../../shared/api/devices';
import { useService } from '../../support/use-service';
import { expectError } from '../server/http';
import { fakeMachine, heartbeatBody, machineOf, register, registerBody, sha256, subscribedAccount, withNewParts } from './protection-fixture';

const { service, smtp, api } = useService();

const beat = (id: string, body: object, token: string) => api.post(`/v1/devices/${id}/heartbeat`, body, token);

/**
 * Another computer that learnt a device's id (copied the app's files, say) sends that
 * device's heartbeats: it must get no lease, or one seat protects every machine that
 * knows the id. The machine itself, with a part replaced, still gets its lease.
 */
describe('a heartbeat from another machine', () => {
  it('is 409 DEVICE_MISMATCH, with no lease, and changes nothing of the device', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'other-machine');
    const machine = fakeMachine();
    const { device } = await register(api, token, registerBody(machine));
    const before = deviceListSchema.parse((await api.get('/v1/devices', token)).body);

    const other = fakeMachine();
    for (const body of [
      heartbeatBody(other),
      // The device's own fingerprint does not help: the components are what is compared.
      { fingerprint: machine.fingerprint, components: other.components },
      // Two of five parts in common is not the same machine (three are needed).
      heartbeatBody(withNewParts(machine, 3)),
    ]) {
      const answer = await beat(device.id, body, token);
      expect(expectError(answer, 409, 'DEVICE_MISMATCH')).toMatchObject({ deviceId: device.id });
      expect(JSON.stringify(answer.body)).not.toContain('lease');
    }
    // Still the device it was; the machine itself still gets its lease.
    expect(deviceListSchema.parse((await api.get('/v1/devices', token)).body)).toEqual(before);
    heartbeatResponseSchema.parse((await beat(device.id, heartbeatBody(machine), token)).body);
  });

  it('passes the same machine with one part changed, and keeps what it has now for the next heartbeat', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'one-part');
    const machine = fakeMachine();
    const { device } = await register(api, token, registerBody(machine));

    // A new network card: four of five parts as registered.
    const newCard = withNewParts(machine, 1);
    const first = await beat(device.id, heartbeatBody(newCard), token);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    heartbeatResponseSchema.parse(first.body);

    // Then a new disk and board: only two parts left of the registered machine, but three of
    // the one the service saw last, so it is still the same computer.
    const later = machineOf(newCard.components.map((c, i) => (i === 1 || i === 2 ? sha256(`later/${i}`) : c)));
    expect((await beat(device.id, heartbeatBody(later), token)).status).toBe(200);
    // The machine as first registered is now too different from what is stored.
    expectError(await beat(device.id, heartbeatBody(machine), token), 409, 'DEVICE_MISMATCH');
  });

  it('refuses a heartbeat without its components', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'no-components');
    const machine = fakeMachine();
    const { device } = await register(api, token, registerBody(machine));
    expectError(await beat(device.id, { fingerprint: machine.fingerprint }, token), 400, 'VALIDATION_FAILED');
    expectError(await beat(device.id, { fingerprint: machine.fingerprint, components: [] }, token), 400, 'VALIDATION_FAILED');
  });
});
