/**
 * OpenStack VM operations on the build farm's machines (seed 002): reboot --hard, rebuild, create,
 * delete, and the CircleCI-style retire of an agent. Read-only: list and show.
 */
import { z } from 'zod';

/** A server name as the farm uses them (`alibuild07`, `alimesos02`): no paths, no regex, no spaces. */
export const VmName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may contain only letters, digits, ".", "_" and "-"');

/** Flavor, image, zone and volume type names are OpenStack names: printable, bounded. */
const OpenStackName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\u0000-\u001f`]+$/);

/** The image build machines use when none is given (seed 002: the latest "Alma 9"). */
export const DEFAULT_VM_IMAGE = 'ALMA9 - x86_64';

/** `/ci vm reboot <name>`: `openstack server reboot --hard`. */
export const VmReboot = z.object({ kind: z.literal('vm.reboot'), v: z.literal(1), name: VmName });
export type VmReboot = z.infer<typeof VmReboot>;

/** `/ci vm rebuild <name> [--image I]`: `ai-rebuild-vm`, with the runbook's checks. */
export const VmRebuild = z.object({ kind: z.literal('vm.rebuild'), v: z.literal(1), name: VmName, image: OpenStackName.optional() });
export type VmRebuild = z.infer<typeof VmRebuild>;

/** `/ci vm create <name> --flavor F …`: the seed's `ai-bs` agent recipe. */
export const VmCreate = z.object({
  kind: z.literal('vm.create'),
  v: z.literal(1),
  name: VmName,
  flavor: OpenStackName,
  image: OpenStackName.optional(),
  zone: OpenStackName.optional(),
  /** GiB of the build disk `<name>-store`; 0 for none (bare metal). */
  volumeGb: z.number().int().min(0).max(16_384),
  volumeType: OpenStackName,
});
export type VmCreate = z.infer<typeof VmCreate>;

/** `/ci vm delete <name>`: `ai-kill` plus "delete the previously attached volumes". */
export const VmDelete = z.object({ kind: z.literal('vm.delete'), v: z.literal(1), name: VmName });
export type VmDelete = z.infer<typeof VmDelete>;

/** `/ci node retire <name>`: drain, wait for the allocations to finish, delete the VM and its volumes. */
export const NodeRetire = z.object({ kind: z.literal('node.retire'), v: z.literal(1), name: VmName });
export type NodeRetire = z.infer<typeof NodeRetire>;

/** `/ci vm list [--filter TEXT]`. */
export const VmList = z.object({ kind: z.literal('vm.list'), v: z.literal(1), filter: z.string().max(100).optional() });
export type VmList = z.infer<typeof VmList>;

/** `/ci vm show <name>`. */
export const VmShow = z.object({ kind: z.literal('vm.show'), v: z.literal(1), name: VmName });
export type VmShow = z.infer<typeof VmShow>;

/** Masters are the Nomad servers (`alimesosXX`); everything else is an agent. */
export function isMasterName(name: string): boolean {
  return /^alimesos\d*$/.test(name);
}
