/**
 * Plan on merge, end to end: a merge pushed to a real bare repository, told to the bot by a
 * signed webhook or found by its fetch timer; the plans of the instances whose rendered job
 * changed appear in the channel with Approve / Reject, and nothing is applied without approval.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { createLocalRemote, type LocalRemote } from '../../sim/git/local-remote.js';
import { eventually } from '../support/eventually.js';
import { ACCESS_YAML, BOT_TOKEN, REDIS_URL, SIGNING_SECRET, startStack, type Stack } from '../support/stack.js';
import { ConfigError, parseConfigText, parseEnv } from '../../src/config/load.js';
import { startBot } from '../../src/main.js';
import { ALICE, BOB, people } from './decl-helpers.js';

const SECRET = 'merge-webhook-secret-42';
let s: Stack | undefined;
let remote: LocalRemote;
let cloneDir: string;
afterEach(async () => {
  await s?.close();
  s = undefined;
  remote?.remove();
  if (cloneDir) rmSync(cloneDir, { recursive: true, force: true });
});
const p = people(() => s!);
const short = (sha: string) => sha.slice(0, 7);

async function start(merge: string, fetchEvery = '10m'): Promise<Stack> {
  remote = createLocalRemote('examples/ci-jobs');
  cloneDir = mkdtempSync(join(tmpdir(), 'ci-chatops-clone-'));
  s = await startStack({
    yaml: `${ACCESS_YAML}\ndeclarations:\n  git:\n    url: ${remote.url}\n    cloneDir: ${cloneDir}\n    fetchEvery: ${fetchEvery}\n    planOnMerge:\n${merge}\n`,
    botEnv: { CHATOPS_GIT_WEBHOOK_SECRET: SECRET },
  });
  // The first fetch at start is where the bot starts following the branch.
  const redis = new Redis(REDIS_URL);
  try {
    await eventually(async () => (await redis.get(`${s!.prefix}:git:planned-head:main`)) ?? undefined, 15_000, 'the first fetch');
  } finally {
    redis.disconnect();
  }
  return s;
}

async function deliver(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${s!.bot.gitWebhookPort}/webhooks/git`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': 'd-1',
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      ...headers,
    },
  });
  return res.status;
}

describe('plan on merge', () => {
  it('a signed push: the plans of the changed instances only, each to approve; a redelivery plans nothing twice', async () => {
    await start('      channel: C0CIOPS\n      webhookPort: 0');
    const { sha } = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }, 'Bob Builder');
    const body = JSON.stringify({ ref: 'refs/heads/main', before: 'x', after: sha });
    expect(await deliver(body)).toBe(202);
    const plan = await p.waitFor((t) => t.includes(`Plan: deploy ci/mesosci-cs8 @ ${short(sha)} → ci-mesosci-cs8`), 'plan on merge');
    const text = p.text(plan);
    expect(text).toContain(`📌 Declarations: main at ${short(sha)} “ci/mesosci-cs8: num_builders=10” (Bob Builder)`);
    expect(text).toContain('+/- Count: "8" => "10" (forces create)');
    expect(buttonsOf(plan).map((b) => b.text)).toEqual(['Approve', 'Reject']);
    // Nothing is applied on its own.
    expect(s!.nomad.state.job('ci-mesosci-cs8')!.TaskGroups[0]!.Count).toBe(8);
    // The same delivery again (GitHub retries), then a plan that fetches too: still one plan.
    expect(await deliver(body)).toBe(202);
    await p.ask(ALICE, 'plan mesosci-cs8', 'Plan of ci/mesosci-cs8');
    expect(s!.read().filter((t) => t.includes('Plan: deploy'))).toHaveLength(1);
    expect(await s!.bot.operations.pending()).toHaveLength(1);

    await p.press(BOB, plan, 'Approve');
    const done = await p.waitFor((t) => t.includes('Applied: ci/mesosci-cs8 → ci-mesosci-cs8: 10/10 running'), 'applied');
    expect(p.text(done)).toContain(`at ${short(sha)}`);
    const status = await p.ask(ALICE, 'status ci-mesosci-cs8', 'Declarations:');
    expect(status).toContain(`deployed from ${short(sha)} “ci/mesosci-cs8: num_builders=10” (Bob Builder)`);
  });

  it('an unsigned push is refused and plans nothing', async () => {
    await start('      channel: C0CIOPS\n      webhookPort: 0');
    remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' });
    expect(await deliver(JSON.stringify({ ref: 'refs/heads/main' }), { 'x-hub-signature-256': 'sha256=00' })).toBe(401);
    await p.ask(ALICE, 'status', 'jobs');
    expect(await s!.bot.operations.pending()).toEqual([]);
  });

  it('polling: without a webhook, the fetch timer finds the merge', async () => {
    await start('      channel: C0CIOPS', '1s');
    const { sha } = remote.setVars('jenkins-builder/o2.yaml', { is_light: 'false' }, 'Carol Admin');
    const plan = await p.waitFor((t) => t.includes(`Plan: deploy jenkins-builder/o2 @ ${short(sha)} → jenkins-builder-o2`), 'plan on merge');
    expect(p.text(plan)).toMatch(/\+\/- JENKINS_LIGHT: +"true" => "false"/);
    expect(p.text(plan)).toContain(`📌 Declarations: main at ${short(sha)} “jenkins-builder/o2: is_light=false” (Carol Admin)`);
    expect(s!.read().filter((t) => t.includes('Plan: deploy'))).toHaveLength(1);
  });
});

describe('the webhook without its secret', () => {
  it('stops the bot at start with the variable to set, before it connects to anything', async () => {
    const file = parseConfigText(`declarations:\n  git:\n    url: /nowhere/ci-jobs.git\n    planOnMerge: { channel: C0CIOPS, webhookPort: 0 }\n`, 'x.yaml');
    const env = parseEnv({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', REDIS_URL: 'redis://127.0.0.1:1' });
    await expect(startBot({ file, env, path: 'x.yaml' }, { env: {} })).rejects.toThrow(
      new ConfigError(
        'environment: CHATOPS_GIT_WEBHOOK_SECRET is required with declarations.git.planOnMerge.webhookPort (the webhook believes only signed pushes)',
      ),
    );
  });
});
