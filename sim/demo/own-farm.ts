/**
 * The farm for `npm run demo -- --declarations DIR`: a person's own declarations have no
 * pre-rendered copy, so the demo (not the simulator) renders them with the bot's declarations
 * code, as `levant render` would deploy them, and the simulator parses them like
 * `POST /v1/jobs/parse`. The shipped example farm never takes this path: the simulator starts it
 * from its own files (sim/nomad/scenario/alice-farm), rendered by Go.
 */
import { loadDeclarations } from '../../src/declarations/index.js';
import { declaredJobs } from '../nomad/scenario/declared-jobs.js';

export async function ownFarmJobs(dir: string): Promise<ReturnType<typeof declaredJobs>> {
  try {
    const declarations = await loadDeclarations(dir);
    const broken = declarations.list().find((i) => i.renderError);
    if (broken) throw new Error(`${broken.dir ?? '.'}/${broken.name}: ${broken.renderError}`);
    return declaredJobs(await Promise.all(declarations.list().map((i) => declarations.render(i))));
  } catch (err) {
    throw new Error(`cannot deploy the farm from the declarations in ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
