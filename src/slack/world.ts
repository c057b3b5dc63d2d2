/** Fetches the snapshot of the world that pure command parsers resolve names against. */
import { UserFacingError } from '../errors.js';
import type { KnownDeclarations, KnownJob, KnownNode, World, WorldNeed, WorldOptions } from '../operations/index.js';
import { UnknownRefError } from '../declarations/git/source.js';
import { instanceKey } from '../declarations/types.js';
import { matchesAny } from '../monitors/glob.js';
import type { DeclarationsPort, NomadJobsPort, NomadNodesPort, NovaServersPort } from '../ports.js';

/** Scale statuses read at once: a farm has tens of jobs, and Nomad answers each from memory. */
const COUNT_READS_AT_ONCE = 8;

export class WorldProvider {
  constructor(
    private readonly jobsApi: Pick<NomadJobsPort, 'list' | 'scaleStatus'>,
    /** The declarations repository's names, at `ref` when given (absent: not configured). */
    private readonly declarations?: (options: WorldOptions) => Promise<KnownDeclarations>,
    /** Nomad's nodes and OpenStack's server names (servers absent: OpenStack not configured). */
    private readonly machines: {
      nodes?: () => Promise<KnownNode[]>;
      servers?: () => Promise<string[]>;
      /** The builder jobs with a live allocation on the node (by its ID). */
      builders?: (nodeId: string) => Promise<string[]>;
    } = {},
  ) {}

  /** `words` are what the person typed after the verb: `nodeBuilders` reads the nodes they name. */
  async fetch(needs: readonly WorldNeed[], options: WorldOptions = {}, words: readonly string[] = []): Promise<World> {
    const world: World = {};
    if (needs.includes('jobs') || needs.includes('groupCounts')) world.jobs = await this.jobs();
    if (needs.includes('groupCounts') && world.jobs) world.jobs = await this.withCounts(world.jobs);
    if (needs.includes('declarations') && this.declarations) {
      try {
        world.declarations = await this.declarations(options);
      } catch (err) {
        // "Cannot read the declarations: fetching … failed: …" says it all already.
        throw new WorldUnavailable('The declarations could not be read', err, err instanceof UserFacingError ? err.message : undefined);
      }
    }
    if (needs.includes('nodes') && this.machines.nodes) world.nodes = await this.machines.nodes();
    if (needs.includes('nodeBuilders') && world.nodes && this.machines.builders) world.nodes = await this.withBuilders(world.nodes, words);
    if (needs.includes('servers') && this.machines.servers) {
      try {
        world.servers = await this.machines.servers();
      } catch (err) {
        throw new WorldUnavailable('OpenStack could not be asked about its servers', err);
      }
    }
    return world;
  }

  /** At most three named nodes are read: a command names one. */
  private async withBuilders(nodes: KnownNode[], words: readonly string[]): Promise<KnownNode[]> {
    const short = (n: string) => n.toLowerCase().replace(/\..*$/, '');
    const named = new Set(words.map(short));
    const hits = nodes.filter((n) => named.has(short(n.name))).slice(0, 3);
    const builders = new Map(await Promise.all(hits.map(async (n) => [n.id, await this.machines.builders!(n.id)] as const)));
    return nodes.map((n) => (builders.has(n.id) ? { ...n, builders: builders.get(n.id)! } : n));
  }

  private async jobs(): Promise<KnownJob[]> {
    const { data } = await this.jobsApi.list();
    return data
      .filter((j) => !j.ParentID) // dispatched/periodic children are not what people scale
      .map((j) => ({
        id: j.ID,
        status: j.Status,
        groups: Object.keys(j.JobSummary?.Summary ?? {})
          .sort()
          .map((name) => ({ name })),
      }));
  }

  /**
   * Each group's desired count (`GET /v1/job/:id/scale`). A stopped job runs nothing whatever its
   * count says, and a job whose status cannot be read keeps none: the plan then says what Nomad runs.
   */
  private async withCounts(jobs: KnownJob[]): Promise<KnownJob[]> {
    const out: KnownJob[] = [];
    for (let i = 0; i < jobs.length; i += COUNT_READS_AT_ONCE) {
      const batch = jobs.slice(i, i + COUNT_READS_AT_ONCE);
      out.push(
        ...(await Promise.all(
          batch.map(async (job) => {
            const status = await this.jobsApi.scaleStatus(job.id).then(
              (r) => r.data,
              () => undefined,
            );
            if (!status || status.JobStopped) return job;
            return { ...job, groups: job.groups.map((g) => (status.TaskGroups[g.name] ? { ...g, count: status.TaskGroups[g.name]!.Desired } : g)) };
          }),
        )),
      );
    }
    return out;
  }
}

/**
 * The world of this bot: Nomad's jobs and nodes (with the builders of the nodes a command names),
 * the declarations' names as last fetched (a command is answered at once, never after a fetch) or
 * at `--ref`, OpenStack's servers when it is configured.
 */
export function botWorld(s: {
  jobs: Pick<NomadJobsPort, 'list' | 'scaleStatus'>;
  nodes: Pick<NomadNodesPort, 'list' | 'allocations'>;
  declarations: DeclarationsPort;
  /** Builder jobs (globs, `vm.protectedJobs`): their live allocations on a node are its builders. */
  builderJobs: string[];
  servers?: Pick<NovaServersPort, 'list'> | undefined;
}): WorldProvider {
  const git = Boolean(s.declarations.git);
  const declarations = async ({ ref }: WorldOptions): Promise<KnownDeclarations> => {
    // `--ref`: the names at that ref, fetched only if the clone does not have it yet; unknown, the parser says so privately.
    const at = ref && git ? { ref, fetch: 'unknown' as const } : { fetch: 'no' as const };
    const d = await s.declarations.load({ ...at, read: true }).catch((err: unknown) => {
      if (err instanceof UnknownRefError) return err.message;
      throw err;
    });
    if (typeof d === 'string') return { instances: [], dirs: [], git: true, refProblem: d };
    return { instances: d.list().map((i) => ({ key: instanceKey(i), name: i.name, dir: i.dir, jobName: i.jobName })), dirs: d.dirs(), git };
  };
  const live = (a: { DesiredStatus: string; ClientStatus: string; JobID: string }) =>
    a.DesiredStatus === 'run' && (a.ClientStatus === 'running' || a.ClientStatus === 'pending') && matchesAny(a.JobID, s.builderJobs);
  const servers = s.servers;
  return new WorldProvider(s.jobs, declarations, {
    nodes: async () => (await s.nodes.list()).data.map((n) => ({ name: n.Name, id: n.ID })),
    builders: async (nodeId) => (await s.nodes.allocations(nodeId)).data.filter(live).map((a) => a.JobID),
    ...(servers ? { servers: async () => (await servers.list()).map((sv) => sv.name) } : {}),
  });
}

/** A part of the world other than Nomad's jobs could not be read; `what` names it for the person. */
export class WorldUnavailable extends Error {
  constructor(
    readonly what: string,
    cause: unknown,
    /** The whole sentence for the person, when the cause's own message is one. */
    readonly sentence?: string,
  ) {
    super(what, { cause });
  }
}
