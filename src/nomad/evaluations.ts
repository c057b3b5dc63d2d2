import { pathSegment, type NomadClient, type QueryOptions, type QueryResult } from './client.js';
import { z } from 'zod';
import { NomadEvaluationWithPlacements } from './schemas/plan.js';

export { NomadEvaluationWithPlacements } from './schemas/plan.js';

export class NomadEvaluations {
  constructor(private readonly c: NomadClient) {}

  /** `GET /v1/evaluation/:id`, with the placement metrics parsed (what blocks a partly placed change). */
  read(evalId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadEvaluationWithPlacements>> {
    return this.c.query(`evaluation/${pathSegment(evalId)}`, NomadEvaluationWithPlacements, 'evaluation', opts);
  }

  /** `GET /v1/job/:id/evaluations`, newest first, with the placement metrics parsed. */
  ofJob(jobId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadEvaluationWithPlacements[]>> {
    return this.c.query(`job/${pathSegment(jobId)}/evaluations`, z.array(NomadEvaluationWithPlacements), 'evaluation list', opts);
  }
}
