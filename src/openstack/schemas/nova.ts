/** Nova (compute v2.1) objects, named after the API's own keys (fixtures nova-*-resp.json). */
import { z } from 'zod';
import { OpenStackLink } from './common.js';

/** Before 2.47 a server names its flavor by id; from 2.47 the flavor is embedded. */
export const NovaServerFlavor = z.union([
  z.object({ id: z.string(), links: z.array(OpenStackLink).optional() }),
  z.object({
    original_name: z.string(),
    vcpus: z.number(),
    ram: z.number(),
    disk: z.number(),
    ephemeral: z.number().optional(),
    swap: z.number().optional(),
    extra_specs: z.record(z.string(), z.string()).optional(),
  }),
]);

/** Volume-booted servers show `"image": ""`. */
export const NovaServerImage = z.union([z.literal(''), z.object({ id: z.string(), links: z.array(OpenStackLink).optional() })]);

const NovaAddress = z.object({
  addr: z.string(),
  version: z.number(),
  'OS-EXT-IPS:type': z.string().optional(),
  'OS-EXT-IPS-MAC:mac_addr': z.string().optional(),
});

/** Only present while a server is ERROR (or DELETED). */
export const NovaServerFault = z.object({
  code: z.number(),
  message: z.string(),
  created: z.string().optional(),
  details: z.string().optional(),
});

const serverFields = {
  id: z.string(),
  name: z.string(),
  status: z.string(),
  tenant_id: z.string().optional(),
  user_id: z.string().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  flavor: NovaServerFlavor,
  image: NovaServerImage,
  addresses: z.record(z.string(), z.array(NovaAddress)).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  links: z.array(OpenStackLink).optional(),
  progress: z.number().optional(),
  fault: NovaServerFault.optional(),
  'OS-EXT-AZ:availability_zone': z.string().optional(),
};

/** The rebuild action's 202 body: at 2.1 it lacks the `OS-EXT-STS:*` keys. */
export const NovaRebuiltServer = z.object({
  server: z.object({
    ...serverFields,
    'OS-EXT-STS:vm_state': z.string().optional(),
    'OS-EXT-STS:task_state': z.string().nullable().optional(),
  }),
});
export type NovaRebuiltServer = z.infer<typeof NovaRebuiltServer>;

/** `GET /servers/{id}` and each entry of `GET /servers/detail`. */
export const NovaServer = z.object({
  ...serverFields,
  key_name: z.string().nullable().optional(),
  'OS-EXT-STS:vm_state': z.string(),
  'OS-EXT-STS:task_state': z.string().nullable(),
  'OS-EXT-STS:power_state': z.number().optional(),
  'os-extended-volumes:volumes_attached': z.array(z.object({ id: z.string(), delete_on_termination: z.boolean().optional() })).optional(),
  locked: z.boolean().optional(),
});
export type NovaServer = z.infer<typeof NovaServer>;

export const NovaPageLinks = z.array(OpenStackLink).optional();

export const NovaServerList = z.object({ servers: z.array(NovaServer), servers_links: NovaPageLinks });
export type NovaServerList = z.infer<typeof NovaServerList>;

/** `GET /servers` (no detail): id, name, links. */
export const NovaServerSummary = z.object({ id: z.string(), name: z.string(), links: z.array(OpenStackLink) });
export const NovaServerSummaryList = z.object({ servers: z.array(NovaServerSummary), servers_links: NovaPageLinks });

export const NovaServerShow = z.object({ server: NovaServer });

/** `POST /servers` → 202: only the id, links and the admin password. */
export const NovaCreatedServer = z.object({
  server: z.object({
    id: z.string(),
    links: z.array(OpenStackLink).optional(),
    adminPass: z.string().optional(),
    'OS-DCF:diskConfig': z.string().optional(),
    security_groups: z.array(z.object({ name: z.string() })).optional(),
  }),
});
export type NovaCreatedServer = z.infer<typeof NovaCreatedServer>;

/** `GET /flavors/detail` entries; before 2.75 `swap` is `""` when there is none. */
export const NovaFlavor = z.object({
  id: z.string(),
  name: z.string(),
  ram: z.number(),
  vcpus: z.number(),
  disk: z.number(),
  swap: z.union([z.number(), z.literal('')]).optional(),
  'OS-FLV-EXT-DATA:ephemeral': z.number().optional(),
  'OS-FLV-DISABLED:disabled': z.boolean().optional(),
  'os-flavor-access:is_public': z.boolean().optional(),
  description: z.string().nullable().optional(),
  extra_specs: z.record(z.string(), z.string()).optional(),
  links: z.array(OpenStackLink).optional(),
});
export type NovaFlavor = z.infer<typeof NovaFlavor>;
export const NovaFlavorList = z.object({ flavors: z.array(NovaFlavor), flavors_links: NovaPageLinks });

export const NovaFlavorSummary = z.object({ id: z.string(), name: z.string(), links: z.array(OpenStackLink) });
export const NovaFlavorSummaryList = z.object({ flavors: z.array(NovaFlavorSummary) });

/** `os-volume_attachments` entries; 2.89 drops `id` and adds `attachment_id`, `bdm_uuid`. */
export const NovaVolumeAttachment = z.object({
  volumeId: z.string(),
  serverId: z.string(),
  device: z.string().nullable().optional(),
  id: z.string().optional(),
  attachment_id: z.string().optional(),
  bdm_uuid: z.string().optional(),
  tag: z.string().nullable().optional(),
  delete_on_termination: z.boolean().optional(),
});
export type NovaVolumeAttachment = z.infer<typeof NovaVolumeAttachment>;
export const NovaVolumeAttachmentList = z.object({ volumeAttachments: z.array(NovaVolumeAttachment) });
export const NovaVolumeAttachmentShow = z.object({ volumeAttachment: NovaVolumeAttachment });

/** `GET /servers/{id}/os-instance-actions`: why an action failed without an ERROR state. */
export const NovaInstanceAction = z.object({
  action: z.string(),
  instance_uuid: z.string(),
  request_id: z.string(),
  message: z.string().nullable(),
  start_time: z.string(),
  updated_at: z.string().optional(),
  user_id: z.string().nullable().optional(),
  project_id: z.string().nullable().optional(),
  events: z
    .array(z.object({ event: z.string(), result: z.string().nullable(), start_time: z.string(), finish_time: z.string().nullable() }).loose())
    .optional(),
});
export type NovaInstanceAction = z.infer<typeof NovaInstanceAction>;
export const NovaInstanceActionList = z.object({ instanceActions: z.array(NovaInstanceAction) });
export const NovaInstanceActionShow = z.object({ instanceAction: NovaInstanceAction });

/** `GET /` and `GET /v2.1/`: the microversion range a cloud supports. */
export const NovaVersion = z.object({
  id: z.string(),
  status: z.string(),
  version: z.string(),
  min_version: z.string(),
  links: z.array(OpenStackLink),
});
export const NovaVersionList = z.object({ versions: z.array(NovaVersion) });
export const NovaVersionShow = z.object({ version: NovaVersion });

/** The deprecated `GET /images` proxy (404 from 2.36); kept only to recognise old answers. */
export const NovaImageSummaryList = z.object({
  images: z.array(z.object({ id: z.string(), name: z.string(), links: z.array(OpenStackLink) })),
});
