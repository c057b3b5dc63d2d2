/**
 * Which allocation a person means: a unique ID prefix is that one; an ambiguous prefix or a job with
 * several allocations becomes a numbered list with one button per allocation, never a guess.
 */
import type { NomadAllocationStub } from '../../src/ports.js';
import { naturalOrder, table } from './table.js';

/** Buttons Slack shows under one answer (one actions block). */
export const MAX_CHOICES = 25;

const rank = (a: NomadAllocationStub) => (a.ClientStatus === 'running' ? 0 : a.ClientStatus === 'pending' ? 1 : 2);

/** Running first, then pending, then the rest newest first; by builder index within each. */
export function byInterest(allocs: readonly NomadAllocationStub[]): NomadAllocationStub[] {
  return [...allocs].sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? b.ModifyIndex - a.ModifyIndex : 0) || naturalOrder(a.Name, b.Name));
}

export const nodeOf = (a: NomadAllocationStub) => a.NodeName ?? a.NodeID.slice(0, 8);

/** "#  ALLOC  NAME  NODE  STATUS" with the index the buttons use. */
export function allocList(allocs: readonly NomadAllocationStub[]): string {
  return table(
    ['#', 'ALLOC', 'NAME', 'NODE', 'STATUS', 'DESIRED'],
    allocs.map((a, i) => [String(i + 1), a.ID.slice(0, 8), a.Name, nodeOf(a), a.ClientStatus, a.DesiredStatus]),
  );
}

export const describeAlloc = (a: NomadAllocationStub) => `${a.Name} (alloc ${a.ID.slice(0, 8)} on ${nodeOf(a)}, ${a.ClientStatus})`;
