/**
 * The declarations remote stops answering (issue 20 point 5: a fetch failure never blocks
 * read-only commands). The remote is git's own smart-HTTP server over a real bare repository;
 * `hang()` makes it accept connections and never answer, so the bot's fetch waits for its timeout
 * (10 minutes here: longer than the test). Everything read-only answers meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalRemote, type LocalRemote } from '../../sim/git/local-remote.js';
import { startHttpGitRemote, type HttpGitRemote } from '../../sim/git/http-remote.js';
import { eventually } from '../support/eventually.js';
import { ACCESS_YAML, startStack, type Stack } from '../support/stack.js';
import { ALICE, BOB, people } from './decl-helpers.js';

let s: Stack | undefined;
let remote: LocalRemote | undefined;
let http: HttpGitRemote | undefined;
let cloneDir: string | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
  await http?.close();
  remote?.remove();
  if (cloneDir) rmSync(cloneDir, { recursive: true, force: true });
});
const p = people(() => s!);
const short = (sha: string) => sha.slice(0, 7);

describe('a declarations remote that hangs', () => {
  it('status, history, nodes and plans answer while the fetch waits; plans say they use the last fetched commit', async () => {
    remote = createLocalRemote('examples/ci-jobs');
    http = await startHttpGitRemote(remote.url);
    cloneDir = mkdtempSync(join(tmpdir(), 'ci-chatops-clone-'));
    s = await startStack({
      yaml: `${ACCESS_YAML}\ndeclarations:\n  git:\n    url: ${http.url}\n    cloneDir: ${cloneDir}\n    fetchEvery: 10m\n    fetchTimeout: 10m\n    readWait: 1s\n`,
    });
    // The bot's first fetch (at start) may take longer than readWait on a busy machine: ask until it is done.
    await eventually(
      async () => (await p.ask(ALICE, 'plan mesosci-cs8', /Plan of ci\/mesosci-cs8|has not finished/)).includes('Plan of'),
      60_000,
      'the first fetch',
    );
    const deployed = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }, 'Bob Builder').sha;
    await p.type(ALICE, 'deploy mesosci-cs8');
    const plan = await p.waitFor((t) => t.includes(`Plan: deploy ci/mesosci-cs8 @ ${short(deployed)}`), 'plan');
    await p.press(BOB, plan, 'Approve');
    await p.waitFor((t) => t.includes('Applied: ci/mesosci-cs8'), 'applied');

    remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '12' }, 'Carol Admin');
    http.hang();
    const planned = await p.ask(ALICE, 'plan mesosci-cs8', 'Plan of ci/mesosci-cs8');
    expect(planned).toContain(`📌 Declarations: main at ${short(deployed)} “ci/mesosci-cs8: num_builders=10” (Bob Builder)`);
    expect(planned).toContain(`⚠️ fetching ${http.url} has not finished after 1 s: this uses the last fetched commit.`);
    const status = await p.ask(ALICE, 'status ci-mesosci-cs8', 'Declarations:');
    expect(status).toContain(`Declarations: deployed from ${short(deployed)} “ci/mesosci-cs8: num_builders=10” (Bob Builder)`);
    expect(await p.ask(ALICE, 'history ci-mesosci-cs8', 'recorded action')).toContain(`commit ${short(deployed)}`);
    await p.ask(ALICE, 'nodes', /\d+ nodes:/);
    await p.ask(ALICE, 'drift', `main @ ${short(deployed)}`);
    // Every answer came while the bot's fetch was still waiting for the remote.
    expect(http.hanging()).toBeGreaterThan(0);
  });
});
