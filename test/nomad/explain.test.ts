/** Nomad's error answers in words, and which of them are worth asking again (src/nomad/explain.ts). */
import { describe, expect, it } from 'vitest';
import { explainError, HttpApiError, isPermanentError } from '../../src/errors.js';
import { isTransientNomadError } from '../../src/nomad/client.js';
import { explainNomadAnswer, validationProblems } from '../../src/nomad/explain.js';

const BASE = 'http://127.0.0.1:4646/v1';
/** go-multierror's text for a group whose count is negative (nomad/structs TaskGroup.Validate). */
const INVALID = "1 error occurred:\n\t* Task group ci validation failed: 1 error occurred:\n\t* Task group count can't be negative\n\n\n\n";
const nomadError = (method: string, path: string, status: number, body: string) =>
  new HttpApiError('nomad', method, `${BASE}/${path}`, status, body, explainNomadAnswer(method, `${BASE}/${path}`, status, body));

describe('explainNomadAnswer', () => {
  it('names what a token was refused, where, and the capability it needs', () => {
    expect(explainNomadAnswer('POST', `${BASE}/job/ci-x/plan`, 403, 'Permission denied')).toEqual({
      permanent: true,
      forPeople: 'Nomad refused: the token may not submit jobs in namespace default (its ACL policy needs submit-job)',
    });
    expect(explainNomadAnswer('DELETE', `${BASE}/job/ci-x?namespace=ci`, 403, 'Permission denied').forPeople).toContain('may not submit jobs in namespace ci');
    expect(explainNomadAnswer('POST', `${BASE}/node/abc/drain`, 403, 'Permission denied').forPeople).toBe(
      'Nomad refused: the token may not change nodes (its ACL policy needs node { policy = "write" })',
    );
    expect(explainNomadAnswer('POST', `${BASE}/client/allocation/abc/restart`, 403, 'Permission denied').forPeople).toContain(
      'may not restart allocations in namespace default (its ACL policy needs alloc-lifecycle)',
    );
    expect(explainNomadAnswer('GET', `${BASE}/jobs`, 403, 'ACL token not found').forPeople).toBe(
      "Nomad refused: it does not know the bot's token (NOMAD_TOKEN expired or was deleted)",
    );
  });

  it('reads a validation multierror as a refusal, in one line', () => {
    expect(validationProblems(INVALID)).toBe("Task group ci validation failed: Task group count can't be negative");
    const two =
      '2 errors occurred:\n\t* Missing job datacenters\n\t* Task group ci validation failed: 1 error occurred:\n\t* Missing tasks for task group\n\n\n\n';
    expect(validationProblems(two)).toBe('Missing job datacenters; Task group ci validation failed: Missing tasks for task group');
    expect(explainNomadAnswer('POST', `${BASE}/job/ci-x/plan`, 500, INVALID)).toEqual({
      permanent: true,
      forPeople: "Nomad refused the job as invalid: Task group ci validation failed: Task group count can't be negative",
    });
  });

  it('tells refusals that happen to be 500s from failures that may pass', () => {
    expect(explainNomadAnswer('POST', `${BASE}/node/abc/drain`, 500, 'node not found').permanent).toBe(true);
    expect(explainNomadAnswer('POST', `${BASE}/jobs`, 500, 'Enforcing job modify index 3: job exists with conflicting job modify index: 5').permanent).toBe(
      true,
    );
    expect(explainNomadAnswer('GET', `${BASE}/jobs`, 500, 'No cluster leader')).toEqual({
      permanent: false,
      forPeople: 'Nomad could not do it just now (HTTP 500: No cluster leader); it may pass if tried again shortly',
    });
    expect(explainNomadAnswer('GET', `${BASE}/jobs`, 429, 'Too many requests').permanent).toBe(false);
    expect(explainNomadAnswer('POST', `${BASE}/jobs/parse`, 400, 'Job spec is empty')).toEqual({
      permanent: true,
      forPeople: 'Nomad refused: Job spec is empty',
    });
  });
});

describe('what the client retries and what people read', () => {
  it('retries a 500 that may pass, never an invalid job or a refusal', () => {
    expect(isTransientNomadError(nomadError('GET', 'jobs', 500, 'No cluster leader'))).toBe(true);
    expect(isTransientNomadError(nomadError('POST', 'job/ci-x/plan', 500, INVALID))).toBe(false);
    expect(isTransientNomadError(nomadError('POST', 'job/ci-x/plan', 403, 'Permission denied'))).toBe(false);
    expect(isPermanentError(nomadError('POST', 'job/ci-x/plan', 403, 'Permission denied'))).toBe(true);
    expect(isPermanentError(nomadError('GET', 'jobs', 502, 'Bad Gateway'))).toBe(false);
  });

  it('keeps the transport detail in the message (the log) and a sentence for the channel', () => {
    const err = nomadError('POST', 'job/ci-x/plan', 403, 'Permission denied');
    expect(err.message).toBe(`nomad POST ${BASE}/job/ci-x/plan: unexpected response code 403 (Permission denied)`);
    expect(explainError(err)).toBe('Nomad refused: the token may not submit jobs in namespace default (its ACL policy needs submit-job)');
    expect(explainError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4646'), { code: 'ECONNREFUSED' }))).toBe(
      'A service the bot needs did not answer (connection refused); it may pass if tried again shortly',
    );
  });
});
