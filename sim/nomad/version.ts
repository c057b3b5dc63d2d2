/**
 * The Nomad version the simulator behaves as (`serverVersion`), and the releases where a
 * behaviour the bot depends on changed. The simulator has its own copy of these facts: it must
 * not borrow them from the bot it tests.
 */
export type Release = readonly [number, number, number];

/** `ScalingRequest.JobModifyIndex` (check-and-set on `/scale`) exists from 1.9.0 (hashicorp/nomad#23457). */
export const SCALE_CHECK_INDEX_FROM: Release = [1, 9, 0];
/** List page tokens compared as strings before 1.10.1 (hashicorp/nomad#25435, fixed by #25792). */
export const PAGING_FIXED_IN: Release = [1, 10, 1];
/**
 * From 2.0 the event stream's HTTP handler writes its 200 before the Event.Stream RPC checks the
 * token: a refused token sees 200 and then a closed connection, with no body (command/agent/event_endpoint.go).
 */
export const STREAM_200_BEFORE_ACL_FROM: Release = [2, 0, 0];
/** The storage fingerprint stops reporting `unique.storage.bytesfree` in 1.11.1 (hashicorp/nomad#27019). */
export const BYTESFREE_REMOVED_IN: Release = [1, 11, 1];

/** `1.10.5`, `1.10.5+ent`, `v1.11.0-beta.1` as numbers; undefined when unparsable. */
export function releaseOf(version: string): Release | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function atLeast(version: string, min: Release): boolean {
  const r = releaseOf(version);
  if (!r) return false;
  for (let i = 0; i < 3; i++) if (r[i] !== min[i]) return r[i]! > min[i]!;
  return true;
}
