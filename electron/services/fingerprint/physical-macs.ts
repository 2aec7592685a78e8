/** The parts of systeminformation's network interface record that tell physical from virtual. */
export interface NetworkInterfaceInfo {
  iface: string;
  ifaceName: string;
  mac: string;
  internal: boolean;
  virtual: boolean;
}

/**
 * Interface names of software adapters: containers and VMs on this host (docker, veth,
 * bridges, VirtualBox, VMware, Hyper-V), tunnels and VPNs (tun/tap, utun, WireGuard,
 * Tailscale, ZeroTier), and macOS's AirDrop and hotspot interfaces. Their addresses come
 * and go or are random, so they say nothing about the machine.
 */
const virtualName =
  /^(lo|docker|veth|br-|bridge|virbr|vnet|vmnet|vboxnet|vmenet|utun|tun|tap|wg|tailscale|zt|awdl|llw|anpi|ap\d|p2p|gif|stf|ipsec|ppp|dummy|bond|team|macvlan|macvtap|ifb|cni|flannel|cali|kube|podman|lxc|lxd)|vethernet|virtualbox|vmware|hyper-v|tap-windows|wintun|npcap|loopback|bluetooth|vpn|pseudo/i;

const macPattern = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Lower case with colons, or null when it is not a MAC address. */
export function normalizeMac(mac: string): string | null {
  const normalized = mac.trim().toLowerCase().replace(/-/g, ':');
  return macPattern.test(normalized) ? normalized : null;
}

/**
 * The addresses of physical interfaces, normalised, without duplicates, sorted. A locally
 * administered address (bit 0x02) is kept: it is all a VM or a container has, and their
 * only NIC is exactly what identifies them. Multicast, all-zero and broadcast addresses
 * are dropped.
 */
export function physicalMacs(interfaces: readonly NetworkInterfaceInfo[]): string[] {
  const macs = new Set<string>();
  for (const nic of interfaces) {
    if (nic.internal || nic.virtual) continue;
    if (virtualName.test(nic.iface) || virtualName.test(nic.ifaceName)) continue;
    const mac = normalizeMac(nic.mac);
    if (mac === null) continue;
    const firstOctet = Number.parseInt(mac.slice(0, 2), 16);
    if (firstOctet & 0x01) continue; // multicast (and broadcast ff:…)
    if (mac === '00:00:00:00:00:00') continue;
    macs.add(mac);
  }
  return [...macs].sort();
}
