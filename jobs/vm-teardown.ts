/**
 * Deleting a machine for good: the server (`ai-kill`), then "the previously attached volumes"
 * (seed 002), each a recorded step that checks before it acts, so a resumed apply never
 * deletes twice or trips over what is already gone.
 */
import type { ApplyContext, CinderVolume, JobDeps, OpenStackPort } from '../src/ports.js';
import { openstackOf, waitOpts } from './vm-common.js';

export interface AttachedVolume {
  id: string;
  /** "alibuild07-store (1000 GB io1)" */
  label: string;
}

/** The volumes attached to a server, labelled for the plan. */
export async function attachedVolumes(os: OpenStackPort, serverId: string): Promise<AttachedVolume[]> {
  const attachments = await os.servers.volumeAttachments(serverId);
  const out: AttachedVolume[] = [];
  for (const a of attachments) {
    const v: CinderVolume | undefined = await os.volumes.show(a.volumeId).catch(() => undefined);
    out.push({
      id: a.volumeId,
      label: v ? `${v.name || a.volumeId.slice(0, 8)} (${v.size} GB${v.volume_type ? ` ${v.volume_type}` : ''}, ${a.device ?? 'no device'})` : a.volumeId,
    });
  }
  return out;
}

const isGone = (err: unknown) => err instanceof Error && err.name === 'OpenStackNotFoundError';

/**
 * Where the deletions sit among the plan's numbered steps: the server is step `first`, each volume
 * the next, of `total`, so progress counts the steps the plan listed.
 */
export interface StepNumbers {
  first: number;
  total: number;
}

/** Deletes the server and then each volume; returns what was done, line by line. */
export async function deleteServerAndVolumes(
  deps: JobDeps,
  ctx: ApplyContext,
  name: string,
  serverId: string,
  volumeIds: readonly string[],
  numbers: StepNumbers = { first: 1, total: 1 + volumeIds.length },
): Promise<string[]> {
  const os = openstackOf(deps);
  const done: string[] = [];
  const stepLine = (i: number, text: string) => `Step ${numbers.first + i}/${numbers.total}: ${text}.`;
  let ran = false;
  const server = await ctx.step('delete-server', async () => {
    ran = true;
    try {
      const s = await os.servers.show(serverId);
      // Resumed after a restart: the delete was already sent; wait for it instead of sending it again.
      if (s['OS-EXT-STS:task_state'] !== 'deleting') await os.servers.delete(serverId);
    } catch (err) {
      if (!isGone(err)) throw err;
      return 'already gone';
    }
    await os.servers.waitForDeleted(serverId, waitOpts(deps));
    return 'deleted';
  });
  done.push(`server ${name} ${server}`);
  if (ran) await ctx.progress(stepLine(0, `server ${name} ${server}`));
  for (const [i, id] of volumeIds.entries()) {
    ran = false;
    const result = await ctx.step(`delete-volume:${id}`, async () => {
      ran = true;
      let label = id.slice(0, 8);
      try {
        const v = await os.volumes.show(id);
        label = v.name || label;
        if (v.status !== 'deleting') {
          // Nova detaches the volume as the server goes; Cinder refuses to delete it until then.
          if (v.status !== 'available') await os.volumes.waitForStatus(id, 'available', waitOpts(deps));
          await os.volumes.delete(id);
        }
      } catch (err) {
        if (!isGone(err)) throw err;
        return `volume ${label} already gone`;
      }
      await os.volumes.waitForDeleted(id, waitOpts(deps));
      return `volume ${label} deleted`;
    });
    done.push(result);
    if (ran) await ctx.progress(stepLine(i + 1, result));
  }
  return done;
}
