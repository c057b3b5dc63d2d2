/**
 * Issue 13 point 9: what Nomad refuses is said once, in a sentence people can act on, and never
 * retried: a token without submit-job (403 on plan), a job Nomad finds invalid (500 with
 * go-multierror's text), and declarations that only the nomad CLI could parse (`file()`, an
 * HCL2 variable expected from NOMAD_VAR_*), since /v1/jobs/parse reads no files and no environment.
 * The transport details (method, URL, status line) go to the log, never to Slack.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { ALICE, BOB, people, scratchDeclarations, withDeclarations } from './decl-helpers.js';

let s: Stack;
afterEach(async () => s?.close());
const p = people(() => s);
const plans = (job: string) => s.nomad.state.requestCount(`POST /v1/job/${job}/plan`) + s.nomad.state.requestCount(`PUT /v1/job/${job}/plan`);

/** Nothing that reads like a transport dump reached the channel or a private answer. */
function expectNoTransportDump(): void {
  const shown = [...s.read(), ...s.slack.store.ephemeralFor({ user: ALICE }).map(p.text)].join('\n');
  expect(shown).not.toMatch(/unexpected response code|https?:\/\/127\.0\.0\.1|\/v1\//);
}

describe('refusals from Nomad', () => {
  it('a token that may not submit jobs: one plan request, one sentence naming the capability', async () => {
    s = await startStack({ nomad: { acl: { tokens: { 'reader-token': 'read' } } }, env: { NOMAD_TOKEN: 'reader-token' } });
    await p.type(ALICE, 'scale mesosci-cs8 10');
    const failed = await p.waitFor((t) => t.includes('Failed:'), 'failed plan');
    expect(p.text(failed)).toContain('Planning failed: Nomad refused: the token may not submit jobs in namespace default (its ACL policy needs submit-job).');
    expect(plans('ci-mesosci-cs8')).toBe(1);
    expectNoTransportDump();
    // The details are in the log, for whoever fixes the policy.
    expect(s.logs.join('')).toMatch(/nomad POST http:\/\/127\.0\.0\.1:\d+\/v1\/job\/ci-mesosci-cs8\/plan.*unexpected response code 403 \(Permission denied\)/);
  });

  it('a job Nomad finds invalid: planned once, the validation error in words', async () => {
    const dir = scratchDeclarations({ 'ci/mesosci-cs8.yaml': (t) => t.replace('num_builders: 8', 'num_builders: -1') });
    s = await startStack({ yaml: withDeclarations(dir) });
    await p.type(ALICE, 'deploy mesosci-cs8');
    const failed = await p.waitFor((t) => t.includes('Failed:'), 'failed plan');
    expect(p.text(failed)).toContain("Planning failed: Nomad refused the job as invalid: Task group ci validation failed: Task group count can't be negative.");
    expect(plans('ci-mesosci-cs8')).toBe(1);
    expectNoTransportDump();
  });
});

describe('declarations only the nomad CLI could parse', () => {
  const ci = (edit: (t: string) => string) => scratchDeclarations({ 'ci/ci.nomad': edit });

  it('file() is refused by /v1/jobs/parse, and the answer says it reads no files', async () => {
    const dir = ci((t) =>
      t.replace('  datacenters = ["cern-a", "cern-b", "cern-c"]', '  datacenters = ["cern-a", "cern-b", "cern-c"]\n  meta { motd = file("motd.txt") }'),
    );
    s = await startStack({ yaml: withDeclarations(dir) });
    const answer = await p.ask(ALICE, 'plan mesosci-cs8', 'cannot parse');
    expect(answer).toContain('Call to function "file" failed: filesystem function disabled.');
    expect(answer).toContain(
      "Nomad's /v1/jobs/parse, which the bot uses, reads no files (and no environment), unlike the nomad CLI: `file(…)` cannot work there.",
    );
    await p.type(BOB, 'deploy mesosci-cs8');
    const failed = await p.waitFor((t) => t.includes('Failed: deploy'), 'failed deploy');
    expect(p.text(failed)).toContain('reads no files');
  });

  it('an HCL2 variable the CLI would take from NOMAD_VAR_*: the answer says the API reads no environment', async () => {
    const dir = ci((t) => `variable "image" {\n  description = "the builder image"\n}\n\n${t}`);
    s = await startStack({ yaml: withDeclarations(dir) });
    const answer = await p.ask(ALICE, 'plan mesosci-cs8', 'cannot parse');
    expect(answer).toContain('Unset variable "image"');
    expect(answer).toContain('reads no environment (and no files), unlike the nomad CLI, which would take `image` from NOMAD_VAR_image');
  });
});
