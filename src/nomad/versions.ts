/**
 * The servers' Nomad versions (`GET /v1/agent/members`, `Tags.build` of members with
 * `role=nomad`), asked once per client, and the releases where something the bot relies on
 * changed. A failed question is asked again next time; meanwhile the answer is "not known", and
 * callers take the path that is safe on every version.
 */
import type { NomadClient } from './client.js';
import { NomadAgentMembers } from './cluster.js';

export type Release = readonly [number, number, number];

/** `ScalingRequest.JobModifyIndex` (check-and-set on `/scale`) from 1.9.0 (hashicorp/nomad#23457); older servers drop it and scale anyway. */
export const SCALE_CHECK_INDEX_FROM: Release = [1, 9, 0];
/** Page tokens were compared as strings before 1.10.1 (hashicorp/nomad#25435, fixed by #25792). */
export const PAGING_FIXED_IN: Release = [1, 10, 1];
/** The oldest Nomad the bot is built and tested for (README: supported versions). */
export const OLDEST_SUPPORTED: Release = [1, 8, 0];

/** `1.10.5`, `1.10.5+ent` or `1.11.0-beta.1` against [1, 10, 1]; false for anything unparsable. */
export function versionAtLeast(version: string, min: Release): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  for (let i = 0; i < 3; i++) {
    const part = Number(m[i + 1]);
    if (part !== min[i]) return part > min[i]!;
  }
  return true;
}

const asked = new WeakMap<NomadClient, Promise<string[] | undefined>>();

/** Every server's build, or undefined when Nomad could not be asked (not cached, so asked again). */
export function serverBuilds(client: NomadClient, signal?: AbortSignal): Promise<string[] | undefined> {
  let builds = asked.get(client);
  if (!builds) {
    builds = client.query('agent/members', NomadAgentMembers, 'agent members', signal ? { signal } : {}).then(
      ({ data }) => data.Members.filter((m) => m.Tags?.role === 'nomad').map((m) => m.Tags?.build ?? ''),
      () => {
        asked.delete(client);
        return undefined;
      },
    );
    asked.set(client, builds);
  }
  return builds;
}

/** Whether every server runs at least `min`; false when that is not known. */
export async function serversAtLeast(client: NomadClient, min: Release, signal?: AbortSignal): Promise<boolean> {
  const builds = await serverBuilds(client, signal);
  return !!builds && builds.length > 0 && builds.every((b) => versionAtLeast(b, min));
}
