/** Cinder v3 volumes (fixtures cinder-*-resp.json). */
import { z } from 'zod';
import { OpenStackLink } from './common.js';

export const CinderVolumeAttachment = z.object({
  server_id: z.string(),
  attachment_id: z.string().optional(),
  volume_id: z.string().optional(),
  device: z.string().nullable().optional(),
  host_name: z.string().nullable().optional(),
  attached_at: z.string().nullable().optional(),
  id: z.string().optional(),
});

export const CinderVolume = z.object({
  id: z.string(),
  name: z.string().nullable(),
  status: z.string(),
  size: z.number(),
  volume_type: z.string().nullable().optional(),
  availability_zone: z.string().nullable().optional(),
  attachments: z.array(CinderVolumeAttachment),
  bootable: z.string().optional(),
  multiattach: z.boolean().optional(),
  description: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  created_at: z.string(),
  updated_at: z.string().nullable().optional(),
  user_id: z.string().optional(),
  links: z.array(OpenStackLink).optional(),
});
export type CinderVolume = z.infer<typeof CinderVolume>;

export const CinderVolumeShow = z.object({ volume: CinderVolume });
export const CinderVolumeList = z.object({ volumes: z.array(CinderVolume), volumes_links: z.array(OpenStackLink).optional() });

/** `GET /volumes` without detail: id, name, links. */
export const CinderVolumeSummaryList = z.object({
  volumes: z.array(z.object({ id: z.string(), name: z.string().nullable(), links: z.array(OpenStackLink) })),
});

/** The attachments API (`POST /attachments`, 3.27+), which Nova uses on our behalf. */
export const CinderAttachment = z.object({
  attachment: z.object({
    id: z.string(),
    status: z.string(),
    volume_id: z.string(),
    instance: z.string().nullable(),
    attach_mode: z.string().optional(),
    attached_at: z.string().nullable().optional(),
    detached_at: z.string().nullable().optional(),
    connection_info: z.record(z.string(), z.unknown()).optional(),
  }),
});
