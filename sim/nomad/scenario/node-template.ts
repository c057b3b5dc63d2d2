/** Builds a full client Node object (api.Node, like node-read.json) from a few facts about a machine. */
import type { NomadNode, NomadScenarioNode } from '../types.js';

const MIB = 1024 * 1024;

export interface MachineSpec {
  id: string;
  name: string;
  datacenter: string;
  nodeClass: string;
  kernel: 'linux' | 'darwin';
  ip: string;
  cores: number;
  mhz: number;
  memoryMB: number;
  reservedMemoryMB: number;
  /** Size of the alloc_dir filesystem. */
  diskBytes: number;
  /**
   * Clients before Nomad 1.11.1 fingerprint the free space once at start: DiskMB = that value,
   * and `unique.storage.bytesfree` exists. Later clients report DiskMB = total and no bytesfree.
   */
  freeAtStartBytes?: number;
  /** Bytes on the disk no allocation accounts for (leftover sticky build areas). */
  untrackedUsedBytes: number;
  nomadVersion: string;
  meta: Record<string, string>;
  drivers: string[];
}

const driverInfo = (name: string) => ({
  Attributes:
    name === 'docker'
      ? {
          'driver.docker': 'true',
          'driver.docker.bridge_ip': '172.17.0.1',
          'driver.docker.os_type': 'linux',
          'driver.docker.runtimes': 'runc',
          'driver.docker.version': '26.1.3',
          'driver.docker.volumes.enabled': 'true',
        }
      : { [`driver.${name}`]: 'true' },
  Detected: true,
  Healthy: true,
  HealthDescription: 'Healthy',
  UpdateTime: '2026-08-01T08:00:00Z',
});

export function machine(spec: MachineSpec): NomadScenarioNode {
  const oldClient = spec.freeAtStartBytes !== undefined;
  const diskMB = Math.floor((spec.freeAtStartBytes ?? spec.diskBytes) / MIB);
  const attributes: Record<string, string> = {
    'cpu.arch': spec.kernel === 'darwin' ? 'arm64' : 'amd64',
    'cpu.frequency': String(spec.mhz),
    'cpu.modelname': spec.kernel === 'darwin' ? 'Apple M2 Pro' : 'AMD EPYC-Rome Processor',
    'cpu.numcores': String(spec.cores),
    'cpu.reservablecores': String(spec.cores),
    'cpu.totalcompute': String(spec.cores * spec.mhz),
    'kernel.name': spec.kernel,
    'kernel.version': spec.kernel === 'darwin' ? '23.6.0' : '5.14.0-427.42.1.el9_4.x86_64',
    'memory.totalbytes': String(spec.memoryMB * MIB),
    'nomad.revision': oldClient ? 'd1ea8c2b7a1c5e2a0b0b2f1c6d2f5d8c1e4a7b90' : '8f6e2b1d3c4a5f6e7d8c9b0a1f2e3d4c5b6a7980',
    'nomad.version': spec.nomadVersion,
    'os.name': spec.kernel === 'darwin' ? 'darwin' : 'almalinux',
    'os.version': spec.kernel === 'darwin' ? '14.6.1' : '9.4',
    'unique.cgroup.mountpoint': '/sys/fs/cgroup',
    'unique.hostname': `${spec.name}.cern.ch`,
    'unique.network.ip-address': spec.ip,
    'unique.storage.volume': spec.kernel === 'darwin' ? '/dev/disk3s5' : '/dev/vdb',
    ...(oldClient ? { 'unique.storage.bytesfree': String(spec.freeAtStartBytes), 'unique.storage.bytestotal': String(spec.diskBytes) } : {}),
  };
  for (const d of spec.drivers) attributes[`driver.${d}`] = '1';
  const node: NomadNode = {
    ID: spec.id,
    SecretID: '',
    Datacenter: spec.datacenter,
    Name: spec.name,
    HTTPAddr: `${spec.ip}:4646`,
    TLSEnabled: true,
    Attributes: attributes,
    NodeResources: {
      Cpu: { CpuShares: spec.cores * spec.mhz, TotalCpuCores: spec.cores, ReservableCpuCores: Array.from({ length: spec.cores }, (_, i) => i) },
      Memory: { MemoryMB: spec.memoryMB },
      Disk: { DiskMB: diskMB },
      Networks: [{ Mode: 'host', Device: 'eth0', CIDR: `${spec.ip}/32`, IP: spec.ip, MBits: 10000, DNS: null, ReservedPorts: null, DynamicPorts: null }],
      NodeNetworks: [
        {
          Mode: 'host',
          Device: 'eth0',
          MacAddress: '',
          Speed: 10000,
          Addresses: [{ Family: 'ipv4', Alias: 'default', Address: spec.ip, ReservedPorts: '', Gateway: '' }],
        },
      ],
      Devices: null,
      MinDynamicPort: 20000,
      MaxDynamicPort: 32000,
    },
    ReservedResources: {
      Cpu: { CpuShares: 0 },
      Memory: { MemoryMB: spec.reservedMemoryMB },
      Disk: { DiskMB: 0 },
      Networks: { ReservedHostPorts: '' },
    },
    Links: null,
    Meta: spec.meta,
    NodeClass: spec.nodeClass,
    NodePool: 'default',
    CgroupParent: '',
    ComputedClass: `v1:${spec.nodeClass === 'mac' ? '4410582746021138215' : '7968290453076422024'}`,
    Drain: false,
    DrainStrategy: null,
    SchedulingEligibility: 'eligible',
    Status: 'ready',
    StatusDescription: '',
    StatusUpdatedAt: 1_785_000_000,
    Events: [{ Message: 'Node registered', Subsystem: 'Cluster', Details: null, Timestamp: '2026-08-01T08:00:00Z', CreateIndex: 0 }],
    Drivers: Object.fromEntries(spec.drivers.map((d) => [d, driverInfo(d)])),
    HostVolumes: null,
    HostNetworks: null,
    CSIControllerPlugins: null,
    CSINodePlugins: null,
    LastDrain: null,
    NodeMaxAllocs: 0,
    CreateIndex: 0,
    ModifyIndex: 0,
  };
  return { node, disk: { sizeBytes: spec.diskBytes, untrackedUsedBytes: spec.untrackedUsedBytes } };
}
