/**
 * `nomad.diskfree`: seed 000's `nomad-diskfree` as a command ("Troubleshooting placement failures",
 * step 3). Every ready node where a CI builder does not fit by Nomad's count although the disk could
 * hold one, or where Nomad counts room the disk does not have, with the real free space the client
 * measures (`/v1/client/stats`), what runs there, and the verdict: clean up now, or wait for builds.
 *
 * Nomad's count is the script's on clients that still report `unique.storage.bytesfree` (< 1.11.1,
 * fingerprinted at agent start), and the scheduler's (DiskMB − reserved − ephemeral disk of live
 * allocations, AllocsFit) on newer ones, exactly as the disk-drift alert judges them.
 */
import {
  DISKFREE_THRESHOLD,
  EMPTY_DISK_BUFFER,
  GIB,
  NomadDiskfree,
  cleanupCommand,
  diskfreeFlags,
  parseAttributeInteger,
  toIec,
  type ReadReply,
} from '../../src/operations/index.js';
import type { DiskRuleSettings, JobDeps, NomadNodeStub, ReadJobModule } from '../../src/ports.js';
import { findNode } from '../node-find.js';
import { NO_USAGE, nomadFreeDiskMB, usageByNode, usageOf, type NodeUsage } from './disk.js';
import { mapLimit, naturalOrder, table } from './table.js';

const MIB = 1024 * 1024;
const DEFAULTS: DiskRuleSettings = { thresholdBytes: DISKFREE_THRESHOLD, marginBytes: 50 * GIB, concurrency: 16 };

/** One node as `/ci diskfree` judges it. */
export interface DiskfreeRow {
  name: string;
  /** Free by Nomad's count (bytes); undefined when the node does not say. */
  nomadFree: number | undefined;
  /** The disk's size as the same source gives it (bytestotal, or DiskMB). */
  total: number | undefined;
  /** Free on the disk now (AllocDirStats.Available); a string says why it is unknown. */
  realFree: number | string;
  running: number;
  /** Why the node is listed; undefined: a builder fits. */
  problem?: 'no-room' | 'over-counted' | undefined;
  /** Nothing runs there: the cleanup is safe, and nothing else will free the space. */
  needsCleanup: boolean;
}

/** Clients from 1.11.1 no longer report `unique.storage.bytesfree`; an unknown version may. */
function mayReportBytesfree(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return true;
  const [maj, min, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return maj < 1 || (maj === 1 && (min < 11 || (min === 11 && patch < 1)));
}

async function realFree(n: NomadNodeStub, deps: JobDeps): Promise<number | string> {
  if (n.Status !== 'ready') return `node ${n.Status}`;
  try {
    const dir = (await deps.nomad.nodes.stats(n.ID)).data.AllocDirStats;
    return dir ? dir.Available : 'not reported';
  } catch {
    return 'not answering';
  }
}

/** Judges one node: Nomad's count first (cheap), the real free space where it matters. */
async function judge(n: NomadNodeStub, usage: NodeUsage, s: DiskRuleSettings, deps: JobDeps, always: boolean): Promise<DiskfreeRow> {
  let nomadFree: number | undefined;
  let total: number | undefined;
  let scriptRule = false;
  if (mayReportBytesfree(n.Version)) {
    // A full node (from `/ci node`) carries its attributes; the list's stubs do not.
    const attrs = (n.Attributes?.['unique.storage.bytesfree'] !== undefined ? n.Attributes : (await deps.nomad.nodes.read(n.ID)).data.Attributes) ?? {};
    const free = parseAttributeInteger(attrs['unique.storage.bytesfree']);
    const size = parseAttributeInteger(attrs['unique.storage.bytestotal']);
    if (free !== undefined && size !== undefined) [nomadFree, total, scriptRule] = [free, size, true];
  }
  if (!scriptRule) {
    const freeMB = nomadFreeDiskMB(n, usage.diskMB);
    nomadFree = freeMB === undefined ? undefined : freeMB * MIB;
    const sizeMB = n.NodeResources?.Disk?.DiskMB;
    total = sizeMB === undefined ? undefined : sizeMB * MIB;
  }
  const noRoom =
    nomadFree !== undefined &&
    total !== undefined &&
    (scriptRule
      ? diskfreeFlags(nomadFree, total, s.thresholdBytes)
      : nomadFree < s.thresholdBytes && total >= s.thresholdBytes && nomadFree < total - EMPTY_DISK_BUFFER);
  // The real free space: for a listed node, and on current clients, where Nomad may count room the disk does not have.
  const real = noRoom || !scriptRule || always ? await realFree(n, deps) : 'not read';
  const overCounted =
    !scriptRule && !noRoom && typeof real === 'number' && nomadFree !== undefined && real < s.thresholdBytes && nomadFree - real > s.marginBytes;
  const problem = noRoom ? 'no-room' : overCounted ? 'over-counted' : undefined;
  return { name: n.Name, nomadFree, total, realFree: real, running: usage.running, problem, needsCleanup: problem !== undefined && usage.running === 0 };
}

/** The rule's settings as configured (`monitors.disk`), or its defaults. */
export const diskSettings = (deps: JobDeps): DiskRuleSettings => ({ ...DEFAULTS, ...deps.disk });

/** One node judged, its real free space read whatever the verdict (for `/ci node`). */
export const judgeNode = (n: NomadNodeStub, usage: NodeUsage, deps: JobDeps) => judge(n, usage, diskSettings(deps), deps, true);

/**
 * The nodes that need cleanup now, found cheaply (for `/ci nodes`): only ready nodes where nothing
 * runs and Nomad's scheduler counts less free than a builder asks are read further.
 */
export async function idleNodesToClean(nodes: readonly NomadNodeStub[], usage: ReadonlyMap<string, NodeUsage>, deps: JobDeps): Promise<DiskfreeRow[]> {
  const s = diskSettings(deps);
  const candidates = nodes.filter((n) => {
    const u = usage.get(n.ID) ?? NO_USAGE;
    const free = nomadFreeDiskMB(n, u.diskMB);
    return n.Status === 'ready' && u.running === 0 && free !== undefined && free * MIB < s.thresholdBytes;
  });
  const rows = await mapLimit(candidates, s.concurrency, (n) => judge(n, usage.get(n.ID) ?? NO_USAGE, s, deps, false).catch(() => undefined));
  return rows.filter((r): r is DiskfreeRow => r?.needsCleanup === true);
}

/** "Nomad counts 200.0G free of 1006.9G, the disk has 956.9G". */
export function diskWords(r: DiskfreeRow): string {
  return `Nomad counts ${size(r.nomadFree)} free of ${size(r.total)}${typeof r.realFree === 'number' ? `, the disk has ${size(r.realFree)}` : ''}`;
}

export const size = (b: number | undefined) => (b === undefined ? '?' : toIec(Math.max(0, b)));
export const verdict = (r: DiskfreeRow) => (r.needsCleanup ? 'needs cleanup now' : `wait for builds (${r.running} running)`);
export const why = (r: DiskfreeRow) =>
  r.problem === 'over-counted' ? 'the disk has less free than Nomad counts' : 'Nomad counts less free than a builder asks';

function rowsTable(rows: readonly DiskfreeRow[]): string {
  return table(
    ['NODE', 'NOMAD FREE', 'OF DISK', 'REAL FREE', 'RUNNING', 'VERDICT', 'WHY'],
    rows.map((r) => [
      r.name,
      size(r.nomadFree),
      size(r.total),
      typeof r.realFree === 'number' ? size(r.realFree) : `? (${r.realFree})`,
      String(r.running),
      verdict(r),
      why(r),
    ]),
  );
}

function cleanupLines(rows: readonly DiskfreeRow[]): string[] {
  const now = rows.filter((r) => r.needsCleanup).sort((a, b) => naturalOrder(a.name, b.name));
  if (now.length === 0) return [];
  return [
    `Nothing runs on ${now.map((r) => r.name).join(', ')}: clean up now (seed 000, \`nomad-diskfree\`), then \`/ci diskfree\` again:`,
    ...now.map((r) => `\`${cleanupCommand(r.name)}\``),
  ];
}

export const nomadDiskfree: ReadJobModule<NomadDiskfree> = {
  kind: 'nomad.diskfree',
  schema: NomadDiskfree,
  async run(req, deps): Promise<ReadReply> {
    const s = diskSettings(deps);
    const need = `${toIec(s.thresholdBytes)}`;
    if (req.node !== undefined) return oneNode(req.node, s, deps);

    const [{ data: nodes }, { data: usage }] = await Promise.all([
      deps.nomad.nodes.list({ resources: true }),
      deps.nomad.allocations.foldWithResources(usageByNode, { namespace: '*' }),
    ]);
    const ready = nodes.filter((n) => n.Status === 'ready');
    const skipped = nodes
      .filter((n) => n.Status !== 'ready')
      .map((n) => n.Name)
      .sort(naturalOrder);
    const judged = await mapLimit(ready, s.concurrency, (n) => judge(n, usage.get(n.ID) ?? NO_USAGE, s, deps, false));
    const listed = judged.filter((r) => r.problem).sort((a, b) => Number(b.needsCleanup) - Number(a.needsCleanup) || naturalOrder(a.name, b.name));
    const notChecked = skipped.length ? ` ${skipped.length} not ready, not checked: ${skipped.slice(0, 8).join(', ')}${skipped.length > 8 ? ', …' : ''}.` : '';
    if (listed.length === 0) {
      return {
        summary: `✅ A CI builder (${need}) fits on every ready node whose disk can hold one, by Nomad's count and on the disk (${ready.length} checked).${notChecked}`,
      };
    }
    const cleanup = listed.filter((r) => r.needsCleanup).length;
    const verdicts = [
      cleanup && `${cleanup} need${cleanup === 1 ? 's' : ''} cleanup now`,
      listed.length - cleanup && `${listed.length - cleanup} wait${listed.length - cleanup === 1 ? 's' : ''} for builds`,
    ]
      .filter(Boolean)
      .join(', ');
    const lines = [
      `💽 ${listed.length} of ${ready.length} ready nodes cannot take a CI builder (${need}) by Nomad's count of their free disk, or have less free than Nomad counts: ${verdicts}.${notChecked}`,
      ...cleanupLines(listed),
    ];
    return { summary: lines.join('\n'), detail: rowsTable(listed), filename: 'nomad-diskfree.txt' };
  },
};

async function oneNode(typed: string, s: DiskRuleSettings, deps: JobDeps): Promise<ReadReply> {
  const found = await findNode(typed, deps);
  if (!found.ok) return { summary: found.message };
  const [{ data: nodes }, { data: allocs }] = await Promise.all([deps.nomad.nodes.list({ resources: true }), deps.nomad.nodes.allocations(found.node.ID)]);
  const n = nodes.find((x) => x.ID === found.node.ID) ?? found.node;
  const r = await judge(n, usageOf(allocs), s, deps, true);
  const real = typeof r.realFree === 'number' ? `the disk has ${size(r.realFree)} free` : `its real free space is unknown (${r.realFree})`;
  const head = `*${n.Name}*: Nomad counts ${size(r.nomadFree)} free of ${size(r.total)}; ${real}; ${r.running} allocation${r.running === 1 ? '' : 's'} running.`;
  const running = allocs.filter((a) => a.ClientStatus === 'running').map((a) => `${a.ID.slice(0, 8)} ${a.Name}`);
  const detail = running.length ? ['Running there:', ...running].join('\n') : undefined;
  if (!r.problem) {
    return {
      summary: `${head}\n✅ A CI builder (${toIec(s.thresholdBytes)}) fits here, or the disk is too small to ever hold one.`,
      ...(detail ? { detail } : {}),
    };
  }
  const lines = [head, `⚠️ ${why(r).replace(/^./, (c) => c.toUpperCase())} (a CI builder asks ${toIec(s.thresholdBytes)}): ${verdict(r)}.`];
  if (r.needsCleanup) lines.push(...cleanupLines([r]));
  else lines.push(`Cleaning up under running builds would delete their build areas: wait until they finish, or drain the node first.`);
  // The alert's next steps: keep new builds off a node to clean, or empty a busy one first.
  const choice = r.needsCleanup
    ? n.SchedulingEligibility === 'eligible'
      ? { label: 'Mark ineligible…', command: `node ineligible ${n.Name}` }
      : undefined
    : n.Drain
      ? undefined
      : { label: 'Drain…', command: `node drain ${n.Name}` };
  return { summary: lines.join('\n'), ...(detail ? { detail } : {}), ...(choice ? { choices: [choice] } : {}) };
}
