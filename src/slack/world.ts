/** Fetches the snapshot of the world that pure command parsers resolve names against. */
import type { NomadJobs } from '../nomad/jobs.js';
import type { KnownDeclarations, KnownJob, World } from '../operations/index.js';

export class WorldProvider {
  constructor(
    private readonly jobsApi: Pick<NomadJobs, 'list'>,
    /** The declarations repository's names (absent: not configured). */
    private readonly declarations?: () => Promise<KnownDeclarations>,
  ) {}

  async fetch(needs: readonly (keyof World)[]): Promise<World> {
    const world: World = {};
    if (needs.includes('jobs')) world.jobs = await this.jobs();
    if (needs.includes('declarations') && this.declarations) world.declarations = await this.declarations();
    return world;
  }

  private async jobs(): Promise<KnownJob[]> {
    const { data } = await this.jobsApi.list();
    return data
      .filter((j) => !j.ParentID) // dispatched/periodic children are not what people scale
      .map((j) => ({
        id: j.ID,
        status: j.Status,
        groups: Object.keys(j.JobSummary?.Summary ?? {}).sort().map((name) => ({ name })),
      }));
  }
}
