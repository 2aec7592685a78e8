import { describe, expect, it } from 'vitest';
import { physicalMacs, readRawComponents } from '../../../electron/services/fingerprint';
import { container, desktop, fakeSystem, nic } from './fake-system';

describe('readRawComponents', () => {
  it('reads every kind on a desktop, with only the physical MACs and the first disk', async () => {
    const raw = await readRawComponents(fakeSystem(desktop));
    expect(raw).toEqual([
      { kind: 'hardwareUuid', value: '4c4c4544-0042-3510-8052-b4c04f384d32' },
      { kind: 'baseboardSerial', value: '/7xb2q13/cnws200a3h01bl/' },
      { kind: 'diskSerial', value: 's4evnf0m912345k' },
      { kind: 'mac', value: 'a0:af:bd:e3:11:72' },
      { kind: 'mac', value: 'b4:2e:99:4a:1c:0f' },
      { kind: 'osMachineId', value: '8f14e45fceea167a5a36dedd4bea2543' },
    ]);
  });

  it('works where only the machine id and one MAC exist', async () => {
    const raw = await readRawComponents(fakeSystem(container));
    expect(raw).toEqual([
      { kind: 'mac', value: '02:fc:00:00:00:01' },
      { kind: 'osMachineId', value: '3d1219c7c4c5404aaa1f6d2a48adfda4' },
    ]);
  });

  it('drops placeholder serials and UUIDs and falls back to the other UUID source', async () => {
    const raw = await readRawComponents(
      fakeSystem({
        ...container,
        systemUuid: '03000200-0400-0500-0006-000700080009',
        hardwareFromUuid: 'c1b2a3d4-1111-2222-3333-444455556666',
        boardSerial: 'Default string',
        diskSerials: ['   '],
      }),
    );
    expect(raw.map((c) => c.kind)).toEqual(['hardwareUuid', 'mac', 'osMachineId']);
    expect(raw[0]?.value).toBe('c1b2a3d4-1111-2222-3333-444455556666');
  });

  it('counts a value once when the OS reports it under two kinds (macOS platform UUID)', async () => {
    const raw = await readRawComponents(
      fakeSystem({
        ...container,
        systemUuid: 'AB12CD34-5678-90EF-1234-567890ABCDEF',
        osId: 'ab12cd34-5678-90ef-1234-567890abcdef',
      }),
    );
    expect(raw.map((c) => c.kind)).toEqual(['hardwareUuid', 'mac']);
  });

  it('leaves out a source that fails and keeps the rest', async () => {
    const source = fakeSystem(desktop);
    source.baseboard = () => Promise.reject(new Error('dmidecode: permission denied'));
    source.diskLayout = () => {
      throw new Error('lsblk missing');
    };
    const kinds = (await readRawComponents(source)).map((c) => c.kind);
    expect(kinds).toEqual(['hardwareUuid', 'mac', 'mac', 'osMachineId']);
  });

  it('accepts a single interface record as well as a list', async () => {
    const source = fakeSystem(container);
    source.networkInterfaces = async () => ({
      iface: 'en0',
      ifaceName: 'en0',
      mac: '3c:22:fb:01:02:03',
      internal: false,
      virtual: false,
    });
    expect((await readRawComponents(source)).find((c) => c.kind === 'mac')?.value).toBe('3c:22:fb:01:02:03');
  });
});

describe('physicalMacs', () => {
  const list = (nics: ReturnType<typeof nic>[]) =>
    physicalMacs(nics.map((n) => ({ iface: '', ifaceName: '', mac: '', internal: false, virtual: false, ...n })));

  it('excludes loopback, internal, virtual and software adapters', () => {
    expect(
      list([
        nic('lo0', 'aa:bb:cc:dd:ee:01'),
        nic('eth9', 'aa:bb:cc:dd:ee:02', { internal: true }),
        nic('eth8', 'aa:bb:cc:dd:ee:03', { virtual: true }),
        nic('docker0', 'aa:bb:cc:dd:ee:04'),
        nic('veth0a1b', 'aa:bb:cc:dd:ee:05'),
        nic('br-3f2a', 'aa:bb:cc:dd:ee:06'),
        nic('vmnet8', 'aa:bb:cc:dd:ee:07'),
        nic('vboxnet0', 'aa:bb:cc:dd:ee:08'),
        nic('utun3', 'aa:bb:cc:dd:ee:09'),
        nic('awdl0', 'aa:bb:cc:dd:ee:0a'),
        nic('Ethernet 2', 'aa:bb:cc:dd:ee:0b', { ifaceName: 'VirtualBox Host-Only Ethernet Adapter' }),
        nic('vEthernet (Default Switch)', 'aa:bb:cc:dd:ee:0c'),
        nic('en0', 'aa:bb:cc:dd:ee:10'),
      ]),
    ).toEqual(['aa:bb:cc:dd:ee:10']);
  });

  it('drops all-zero, broadcast, multicast and malformed addresses, and duplicates', () => {
    expect(
      list([
        nic('eth0', '00:00:00:00:00:00'),
        nic('eth1', 'FF:FF:FF:FF:FF:FF'),
        nic('eth2', '01:00:5e:00:00:fb'),
        nic('eth3', 'not-a-mac'),
        nic('eth4', ''),
        nic('eth5', 'B4-2E-99-4A-1C-0F'),
        nic('eth6', 'b4:2e:99:4a:1c:0f'),
      ]),
    ).toEqual(['b4:2e:99:4a:1c:0f']);
  });
});
