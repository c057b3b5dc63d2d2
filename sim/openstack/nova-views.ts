/** Server and flavor bodies shaped like Nova's view builders at a given microversion (fixtures nova-*-resp.json). */
import type { SimFlavor, SimServer } from './model.js';
import type { Microversion } from './microversion.js';
import type { SimState } from './state.js';

export function serverView(state: SimState, s: SimServer, mv: Microversion, base: string): Record<string, unknown> {
  const flavor = state.cloud.flavors.find((f) => f.id === s.flavorId);
  const image = state.cloud.images.find((i) => i.id === s.imageId);
  const view: Record<string, unknown> = {
    id: s.id,
    name: s.name,
    status: state.status(s),
    tenant_id: s.projectId,
    user_id: s.userId,
    metadata: s.metadata,
    hostId: s.vmState === 'building' ? '' : hostId(s),
    image: image ? { id: image.id, links: [{ href: `${base}/images/${image.id}`, rel: 'bookmark' }] } : '',
    flavor:
      mv.atLeast('2.47') && flavor
        ? { vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk, ephemeral: 0, swap: 0, original_name: flavor.name, extra_specs: flavor.extraSpecs ?? {} }
        : { id: s.flavorId, links: [{ href: `${base}/flavors/${s.flavorId}`, rel: 'bookmark' }] },
    created: s.created,
    updated: s.updated,
    addresses:
      s.vmState === 'building' ? {} : { CERN_NETWORK: [{ addr: s.address, version: 4, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': mac(s) }] },
    accessIPv4: '',
    accessIPv6: '',
    links: [
      { href: `${base}/servers/${s.id}`, rel: 'self' },
      { href: `${base}/servers/${s.id}`, rel: 'bookmark' },
    ],
    key_name: s.keyName,
    config_drive: '',
    progress: 0,
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': s.availabilityZone,
    'OS-EXT-STS:vm_state': s.vmState,
    'OS-EXT-STS:task_state': s.taskState,
    'OS-EXT-STS:power_state': s.powerState,
    'OS-SRV-USG:launched_at': s.launchedAt,
    'OS-SRV-USG:terminated_at': null,
    'os-extended-volumes:volumes_attached': s.volumes.map((v) =>
      mv.atLeast('2.3') ? { id: v.volumeId, delete_on_termination: v.deleteOnTermination } : { id: v.volumeId },
    ),
    security_groups: [{ name: 'default' }],
  };
  if (s.fault && (s.vmState === 'error' || s.vmState === 'deleted')) view.fault = s.fault;
  if (mv.atLeast('2.9')) view.locked = false;
  if (mv.atLeast('2.19')) view.description = null;
  if (mv.atLeast('2.26')) view.tags = [];
  return view;
}

export function flavorView(f: SimFlavor, mv: Microversion, base: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: f.id,
    name: f.name,
    ram: f.ram,
    vcpus: f.vcpus,
    disk: f.disk,
    // Before 2.75 Nova shows "no swap" as an empty string.
    swap: mv.atLeast('2.75') ? 0 : '',
    rxtx_factor: 1.0,
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'OS-FLV-DISABLED:disabled': false,
    'os-flavor-access:is_public': true,
    links: [
      { href: `${base}/flavors/${f.id}`, rel: 'self' },
      { href: `${base}/flavors/${f.id}`, rel: 'bookmark' },
    ],
  };
  if (mv.atLeast('2.55')) view.description = f.description ?? null;
  if (mv.atLeast('2.61')) view.extra_specs = f.extraSpecs ?? {};
  return view;
}

function hostId(s: SimServer): string {
  return Buffer.from(`${s.availabilityZone}:${s.id}`).toString('hex').slice(0, 56);
}

function mac(s: SimServer): string {
  return `fa:16:3e:${s.id.slice(0, 2)}:${s.id.slice(2, 4)}:${s.id.slice(4, 6)}`;
}
