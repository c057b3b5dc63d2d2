import { pathSegment, type NomadClient, type QueryOptions, type QueryResult } from './client.js';
import { NomadEvaluation } from './schemas/evaluations.js';

export class NomadEvaluations {
  constructor(private readonly c: NomadClient) {}

  read(evalId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadEvaluation>> {
    return this.c.query(`evaluation/${pathSegment(evalId)}`, NomadEvaluation, 'evaluation', opts);
  }
}
