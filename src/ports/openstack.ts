/**
 * What the VM jobs may ask of OpenStack (Nova, Glance, Cinder): our own interfaces, in the
 * services' words (their objects are the adapter's zod types). src/openstack implements them.
 */
import type { ImageFilter, ServerCreateRequest, ServerFilter, VolumeCreateRequest, WaitOptions } from '../openstack/requests.js';
import type { CinderVolume } from '../openstack/schemas/cinder.js';
import type { GlanceImage } from '../openstack/schemas/glance.js';
import type { NovaFlavor, NovaInstanceAction, NovaRebuiltServer, NovaServer, NovaVolumeAttachment } from '../openstack/schemas/nova.js';

export interface OpenStackPort {
  servers: NovaServersPort;
  flavors: NovaFlavorsPort;
  images: GlanceImagesPort;
  volumes: CinderVolumesPort;
}

export interface NovaServersPort {
  /** Every page; a name filter matches exactly. */
  list(filter?: ServerFilter): Promise<NovaServer[]>;
  show(id: string): Promise<NovaServer>;
  create(req: ServerCreateRequest): Promise<{ id: string; adminPass?: string }>;
  /** `openstack server reboot --hard`. */
  rebootHard(id: string): Promise<void>;
  rebuild(id: string, imageRef: string, opts?: { name?: string; metadata?: Record<string, string> }): Promise<NovaRebuiltServer['server']>;
  delete(id: string): Promise<void>;
  volumeAttachments(id: string): Promise<NovaVolumeAttachment[]>;
  attachVolume(serverId: string, volumeId: string, opts?: { device?: string }): Promise<NovaVolumeAttachment | undefined>;
  /** The server's instance actions (who rebooted or rebuilt it, when). */
  actions(id: string): Promise<NovaInstanceAction[]>;
  waitForStatus(id: string, status?: string, opts?: WaitOptions): Promise<NovaServer>;
  waitForDeleted(id: string, opts?: WaitOptions): Promise<void>;
}

export interface NovaFlavorsPort {
  list(): Promise<NovaFlavor[]>;
  getByName(name: string): Promise<NovaFlavor>;
}

export interface GlanceImagesPort {
  list(filter?: ImageFilter): Promise<GlanceImage[]>;
  show(id: string): Promise<GlanceImage>;
  /** The newest image of that name (the farm boots the latest "ALMA9 - x86_64"). */
  getLatestByName(name: string): Promise<GlanceImage>;
}

export interface CinderVolumesPort {
  create(req: VolumeCreateRequest): Promise<CinderVolume>;
  show(id: string): Promise<CinderVolume>;
  list(filter?: { name?: string; status?: string; pageSize?: number }): Promise<CinderVolume[]>;
  delete(id: string): Promise<void>;
  waitForStatus(id: string, status: string, opts?: WaitOptions): Promise<CinderVolume>;
  waitForDeleted(id: string, opts?: WaitOptions): Promise<void>;
}
