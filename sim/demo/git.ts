/**
 * The demo's git host: a local repository made from examples/ci-jobs that the bot clones and
 * follows, and `sim git commit <file> key=value…`, which merges a change the way an operator's
 * pull request does and tells the bot with a signed push webhook, as GitHub would.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createLocalRemote, type LocalRemote } from '../git/local-remote.js';
import type { Cleanup } from './cleanup.js';

export interface DemoGit {
  remote: LocalRemote;
  cloneDir: string;
  webhookSecret: string;
}

export function createDemoGit(from: string, cleanup: Cleanup): DemoGit {
  const remote = createLocalRemote(from, { author: 'Alice Operator' });
  cleanup.add('the demo git repository', async () => remote.remove());
  const cloneDir = mkdtempSync(join(tmpdir(), 'ci-chatops-demo-clone-'));
  cleanup.add("the bot's clone", async () => rmSync(cloneDir, { recursive: true, force: true }));
  return { remote, cloneDir, webhookSecret: randomUUID() };
}

/** Waits until the bot has fetched the branch once (where it starts following it), so the demo's first merge is a merge. */
export async function followed(git: DemoGit, bot: { redisUrl: string; prefix: string }, timeoutMs = 30_000): Promise<boolean> {
  return untilHead(git, bot, (head) => head !== null, timeoutMs);
}

async function untilHead(git: DemoGit, bot: { redisUrl: string; prefix: string }, done: (head: string | null) => boolean, timeoutMs: number): Promise<boolean> {
  const redis = new Redis(bot.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const key = `${bot.prefix}:git:planned-head:${git.remote.branch}`;
    for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (done(await redis.get(key))) return true;
    return false;
  } finally {
    redis.disconnect();
  }
}

const USAGE = 'usage: sim git commit <file> key=value… (e.g. sim git commit ci/mesosci-cs8.yaml num_builders=10)';

/**
 * `sim git commit ci/mesosci-cs8.yaml num_builders=10`: commits, pushes, delivers the webhook, and
 * returns once the bot has planned the new head (so a script's next line sees the plans).
 */
export async function gitCommit(
  words: readonly string[],
  git: DemoGit,
  bot: { webhookPort: number; redisUrl: string; prefix: string },
  author: string,
): Promise<string> {
  const [file, ...pairs] = words;
  if (!file || pairs.length === 0) return `(sim: ${USAGE})`;
  if (!/^[\w.-]+(\/[\w.-]+)*\.ya?ml$/.test(file) || file.split('/').includes('..')) return `(sim: ${file} is not a var file of the repository; ${USAGE})`;
  const exists = (() => {
    try {
      return statSync(join(git.remote.git('rev-parse', '--show-toplevel'), file)).isFile();
    } catch {
      return false;
    }
  })();
  if (!exists) return `(sim: there is no ${file} in the repository; e.g. ci/mesosci-cs8.yaml, ci/mesosci-slc9.yaml, jenkins-builder/o2.yaml)`;
  const assignments: Record<string, string> = {};
  for (const p of pairs) {
    const m = /^([A-Za-z_][\w]*)=(.*)$/.exec(p);
    if (!m) return `(sim: ${p} is not key=value; ${USAGE})`;
    assignments[m[1]!] = m[2]!;
  }
  const before = git.remote.head();
  const { sha, message } = git.remote.setVars(file, assignments, author);
  const body = JSON.stringify({ ref: `refs/heads/${git.remote.branch}`, before, after: sha });
  const res = await fetch(`http://127.0.0.1:${bot.webhookPort}/webhooks/git`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': `sha256=${createHmac('sha256', git.webhookSecret).update(body).digest('hex')}`,
    },
  });
  const planned = await untilHead(git, bot, (head) => head === sha, 30_000);
  if (!planned)
    return `(sim: ${author} merged ${sha.slice(0, 7)} “${message}” into ${git.remote.branch}, but the bot has not planned it after 30 s; the webhook answered ${res.status})`;
  return `(sim: ${author} merged ${sha.slice(0, 7)} “${message}” into ${git.remote.branch}; the git host's push webhook answered ${res.status})`;
}
