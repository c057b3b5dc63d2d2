/**
 * What the simulated services accept, checked as strictly as the real JSON schemas
 * (Nova's have `additionalProperties: False`). The request fixtures must pass these.
 */
import { z } from 'zod';

const DomainRef = z.union([z.strictObject({ id: z.string() }), z.strictObject({ name: z.string() })]);
const UserRef = z.union([
  z.strictObject({ id: z.string(), password: z.string().optional() }),
  z.strictObject({ name: z.string(), domain: DomainRef, password: z.string().optional() }),
]);

export const KeystoneAuthRequest = z.strictObject({
  auth: z.strictObject({
    identity: z.strictObject({
      methods: z.array(z.enum(['password', 'application_credential', 'token'])).min(1),
      password: z.strictObject({ user: UserRef }).optional(),
      application_credential: z
        .union([z.strictObject({ id: z.string(), secret: z.string() }), z.strictObject({ name: z.string(), secret: z.string(), user: UserRef })])
        .optional(),
    }),
    scope: z
      .strictObject({
        project: z.union([z.strictObject({ id: z.string() }), z.strictObject({ name: z.string(), domain: DomainRef })]),
      })
      .optional(),
  }),
});
export type KeystoneAuthRequest = z.infer<typeof KeystoneAuthRequest>;

const BlockDeviceMapping = z.strictObject({
  boot_index: z.union([z.number(), z.string(), z.null()]).optional(),
  uuid: z.string().optional(),
  source_type: z.enum(['blank', 'image', 'snapshot', 'volume']),
  destination_type: z.enum(['local', 'volume']).optional(),
  volume_size: z.union([z.number(), z.string()]).optional(),
  volume_type: z.string().nullable().optional(),
  delete_on_termination: z.boolean().optional(),
  device_name: z.string().optional(),
  disk_bus: z.string().optional(),
  device_type: z.string().optional(),
  guest_format: z.string().optional(),
  no_device: z.boolean().optional(),
  tag: z.string().optional(),
});

const Networks = z.union([
  z.enum(['auto', 'none']),
  z.array(z.strictObject({ uuid: z.string().optional(), port: z.string().optional(), fixed_ip: z.string().optional(), tag: z.string().optional() })),
]);

export const NovaServerCreateRequest = z.strictObject({
  server: z.strictObject({
    name: z.string().min(1).max(255),
    flavorRef: z.union([z.string(), z.number()]),
    imageRef: z.string().optional(),
    availability_zone: z.string().optional(),
    key_name: z.string().optional(),
    networks: Networks.optional(),
    block_device_mapping_v2: z.array(BlockDeviceMapping).optional(),
    metadata: z.record(z.string(), z.string().max(255)).optional(),
    security_groups: z.array(z.strictObject({ name: z.string() })).optional(),
    user_data: z.string().optional(),
    personality: z.array(z.strictObject({ path: z.string(), contents: z.string() })).optional(),
    accessIPv4: z.string().optional(),
    accessIPv6: z.string().optional(),
    'OS-DCF:diskConfig': z.enum(['AUTO', 'MANUAL']).optional(),
    config_drive: z.boolean().optional(),
    description: z.string().nullable().optional(),
    hostname: z.string().optional(),
    tags: z.array(z.string()).optional(),
    min_count: z.number().optional(),
    max_count: z.number().optional(),
  }),
  'OS-SCH-HNT:scheduler_hints': z.record(z.string(), z.unknown()).optional(),
  'os:scheduler_hints': z.record(z.string(), z.unknown()).optional(),
});

export const NovaServerActionRequest = z.union([
  z.strictObject({ reboot: z.strictObject({ type: z.enum(['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']) }) }),
  z.strictObject({
    rebuild: z.strictObject({
      imageRef: z.string(),
      name: z.string().optional(),
      metadata: z.record(z.string(), z.string()).optional(),
      adminPass: z.string().optional(),
      accessIPv4: z.string().optional(),
      accessIPv6: z.string().optional(),
      'OS-DCF:diskConfig': z.enum(['AUTO', 'MANUAL']).optional(),
      personality: z.array(z.strictObject({ path: z.string(), contents: z.string() })).optional(),
      preserve_ephemeral: z.boolean().optional(),
      description: z.string().nullable().optional(),
      key_name: z.string().nullable().optional(),
      user_data: z.string().nullable().optional(),
      hostname: z.string().optional(),
    }),
  }),
]);

export const NovaVolumeAttachRequest = z.strictObject({
  volumeAttachment: z.strictObject({
    volumeId: z.string(),
    device: z.string().nullable().optional(),
    tag: z.string().optional(),
    delete_on_termination: z.boolean().optional(),
  }),
});

/** Cinder's create schema is open (`additionalProperties: True`): only the types are checked. */
export const CinderVolumeCreateRequest = z.object({
  volume: z.object({
    size: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).nullable(),
    name: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    volume_type: z.string().nullable().optional(),
    availability_zone: z.string().nullable().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    multiattach: z.boolean().optional(),
  }),
});

export const CinderAttachmentCreateRequest = z.object({
  attachment: z.object({ volume_uuid: z.string(), instance_uuid: z.string().optional(), connector: z.record(z.string(), z.unknown()).optional() }),
});

/** Nova's text for a request body that fails its schema. */
export function invalidInput(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.filter((p) => typeof p === 'string').pop() ?? 'body';
  return `Invalid input for field/attribute ${String(field)}. ${issue?.message ?? 'invalid'}`;
}
