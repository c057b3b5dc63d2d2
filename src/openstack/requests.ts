/**
 * What the OpenStack clients' calls take besides the services' own objects (schemas/): filters,
 * create requests, how long to wait. Data only, so the ports (src/ports/openstack.ts) can name
 * them without leaning on the client classes.
 */
/** One `block_device_mapping_v2` entry (boot from volume, or a blank data disk created with the server). */
export interface BlockDeviceMapping {
  boot_index?: number | null;
  uuid?: string;
  source_type: 'blank' | 'image' | 'snapshot' | 'volume';
  destination_type?: 'local' | 'volume';
  volume_size?: number;
  volume_type?: string;
  delete_on_termination?: boolean;
  device_name?: string;
  tag?: string;
}

export interface ServerCreateRequest {
  name: string;
  /** Flavor id (resolve names with `flavors.getByName`). */
  flavorRef: string;
  /** Image id; omit when booting from a volume. */
  imageRef?: string;
  availabilityZone?: string;
  /** Keypair name, e.g. `alibuild`. */
  keyName?: string;
  /** Required from 2.37: `auto`, `none` or explicit networks. Default `auto`. */
  networks?: 'auto' | 'none' | { uuid?: string; port?: string; fixed_ip?: string; tag?: string }[];
  blockDeviceMappings?: BlockDeviceMapping[];
  metadata?: Record<string, string>;
  securityGroups?: string[];
  /** Plain text; sent base64-encoded as Nova wants. */
  userData?: string;
}

export interface ServerFilter {
  /** Exact name (Nova's own filter is an unanchored regex; we anchor it and re-check). */
  name?: string;
  status?: string;
  /** Page size; all pages are read. */
  pageSize?: number;
}

export interface ImageFilter {
  /** Glance's `name` filter is exact. */
  name?: string;
  status?: string;
  pageSize?: number;
}

export interface VolumeCreateRequest {
  name: string;
  /** GiB. */
  size: number;
  /** A type name such as `io1` or `standard`; the cloud's default type when omitted. */
  volumeType?: string;
  availabilityZone?: string;
  description?: string;
}

export interface WaitOptions {
  /** Give up after this long (default 30 min: a rebuild "can take up to one hour" with Puppet). */
  timeoutMs?: number;
  /** Between polls (default 2 s). */
  intervalMs?: number;
  signal?: AbortSignal;
}
