/** What the OpenStack simulator keeps: identities, flavors, images, servers, volumes, quotas. */

export interface SimUser {
  id: string;
  name: string;
  domain: { id: string; name: string };
  password: string;
  /** Projects the user has a role in. */
  projectIds: string[];
}

export interface SimProject {
  id: string;
  name: string;
  domain: { id: string; name: string };
}

export interface SimAppCredential {
  id: string;
  name: string;
  secret: string;
  userId: string;
  projectId: string;
}

export interface SimToken {
  id: string;
  userId: string;
  projectId: string;
  methods: string[];
  issuedAt: number;
  expiresAt: number;
  appCredentialId?: string;
}

export interface SimFlavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
  description?: string | null;
  extraSpecs?: Record<string, string>;
  /** Hosts left for this flavor (bare metal): past it, new servers go to ERROR "No valid host". */
  capacity?: number;
}

export interface SimImage {
  id: string;
  name: string;
  createdAt: string;
  status: 'active' | 'queued' | 'deactivated';
  size: number;
  properties?: Record<string, string>;
}

export interface SimVolumeType {
  id: string;
  name: string;
}

/** A state change due at `at` (ms since epoch): how asynchronous work advances in the simulator. */
export interface SimStep {
  at: number;
  apply: () => void;
}

export interface SimServerVolume {
  volumeId: string;
  device: string;
  deleteOnTermination: boolean;
  attachmentId: string;
  bdmId: string;
}

export interface SimInstanceAction {
  action: string;
  requestId: string;
  startTime: string;
  updatedAt: string;
  message: string | null;
}

export interface SimServer {
  id: string;
  name: string;
  projectId: string;
  userId: string;
  flavorId: string;
  imageId: string;
  availabilityZone: string;
  keyName: string | null;
  metadata: Record<string, string>;
  vmState: string;
  taskState: string | null;
  powerState: number;
  fault?: { code: number; message: string; created: string } | undefined;
  created: string;
  updated: string;
  launchedAt: string | null;
  address: string;
  volumes: SimServerVolume[];
  actions: SimInstanceAction[];
  steps: SimStep[];
}

export interface SimVolumeAttachment {
  serverId: string;
  attachmentId: string;
  device: string;
  attachedAt: string;
}

export interface SimVolume {
  id: string;
  name: string | null;
  projectId: string;
  userId: string;
  size: number;
  volumeTypeId: string;
  availabilityZone: string;
  status: string;
  description: string | null;
  createdAt: string;
  updatedAt: string | null;
  attachments: SimVolumeAttachment[];
  steps: SimStep[];
}

export interface SimQuota {
  instances: number;
  cores: number;
  ram: number;
  volumes: number;
  gigabytes: number;
}

export interface SimTiming {
  bootMs: number;
  rebootMs: number;
  rebuildMs: number;
  volumeMs: number;
  deleteMs: number;
}

/** Everything in one cloud; scenarios build it, routes read and change it. */
export interface SimCloud {
  region: string;
  availabilityZones: string[];
  users: SimUser[];
  projects: SimProject[];
  appCredentials: SimAppCredential[];
  flavors: SimFlavor[];
  images: SimImage[];
  volumeTypes: SimVolumeType[];
  defaultVolumeType: string;
  keypairs: string[];
  servers: SimServer[];
  volumes: SimVolume[];
  quotas: Record<string, SimQuota>;
}
