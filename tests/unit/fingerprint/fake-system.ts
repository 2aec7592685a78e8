import type { NetworkInterfaceInfo, SystemInfoSource } from '../../../electron/services/fingerprint';

/** What a machine reports; a fake of the OS for the fingerprint reader. */
export interface FakeMachine {
  osId?: string;
  hardwareFromUuid?: string;
  systemUuid?: string;
  boardSerial?: string;
  diskSerials?: string[];
  nics?: Partial<NetworkInterfaceInfo>[];
}

export const nic = (
  iface: string,
  mac: string,
  extra: Partial<NetworkInterfaceInfo> = {},
): Partial<NetworkInterfaceInfo> => ({
  iface,
  ifaceName: iface,
  mac,
  internal: false,
  virtual: false,
  ...extra,
});

export function fakeSystem(machine: FakeMachine): SystemInfoSource & { calls: number } {
  const source = {
    calls: 0,
    uuid: async () => {
      source.calls++;
      return { os: machine.osId ?? '', hardware: machine.hardwareFromUuid ?? '' };
    },
    system: async () => ({ uuid: machine.systemUuid ?? '' }),
    baseboard: async () => ({ serial: machine.boardSerial ?? '' }),
    diskLayout: async () => (machine.diskSerials ?? []).map((serialNum) => ({ serialNum })),
    networkInterfaces: async () =>
      (machine.nics ?? []).map((n) => ({ iface: '', ifaceName: '', mac: '', internal: false, virtual: false, ...n })),
  };
  return source;
}

/** A desktop PC with every component readable. */
export const desktop: FakeMachine = {
  osId: '8f14e45fceea167a5a36dedd4bea2543',
  systemUuid: '4C4C4544-0042-3510-8052-B4C04F384D32',
  boardSerial: '/7XB2Q13/CNWS200A3H01BL/',
  diskSerials: ['S4EVNF0M912345K', 'WD-WCC4N7PLZ4JX'],
  nics: [
    nic('lo', '00:00:00:00:00:00', { internal: true }),
    nic('enp3s0', 'B4:2E:99:4A:1C:0F'),
    nic('wlp4s0', 'a0:af:bd:e3:11:72'),
    nic('docker0', '02:42:9f:1a:22:01'),
    nic('veth12ab', '7a:31:4e:9b:02:aa'),
  ],
};

/** This kind of container: a machine id and one locally administered MAC. */
export const container: FakeMachine = {
  osId: '3d1219c7c4c5404aaa1f6d2a48adfda4',
  nics: [nic('lo', '00:00:00:00:00:00', { internal: true }), nic('eth0', '02:fc:00:00:00:01')],
};
