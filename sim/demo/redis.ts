/**
 * Redis for the demo: REDIS_URL if set (checked first: a wrong one fails in seconds with the
 * reason, not a silent hang), else a private `redis-server` on a free port (nothing kept on disk),
 * else a clear explanation of how to get one. `release` leaves nothing behind: the run's keys are
 * deleted from a shared Redis, the private server is stopped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { checkRedis, safeUrl } from '../../src/cli/dependency-checks.js';
import { freePort } from '../http/server.js';

export interface DemoRedis {
  url: string;
  /** For the banner: where the keys live and what happens to them. */
  description: string;
  release(): Promise<void>;
}

export async function demoRedis(env: Record<string, string | undefined>, prefix: string): Promise<DemoRedis> {
  if (env.REDIS_URL) {
    const url = env.REDIS_URL;
    const check = await checkRedis(url);
    if (check.mark !== '✔')
      throw new Error(`REDIS_URL does not answer: ${check.detail}. Point REDIS_URL at a running Redis, or unset it and the demo starts its own redis-server.`);
    return { url, description: `${safeUrl(url)} (REDIS_URL), keys under ${prefix}:, deleted on exit`, release: () => deleteKeys(url, prefix) };
  }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'The demo needs Redis. Either set REDIS_URL=redis://host:6379, or install a server: ' +
        '`apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS), or `docker compose up -d redis`.',
    );
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const stopped = new Promise<void>((done) => child.once('exit', () => done()));
  const release = async () => {
    child.kill('SIGTERM');
    await stopped;
  };
  for (let i = 0; ; i++) {
    const check = await checkRedis(url);
    if (check.mark === '✔') break;
    if (i === 40 || child.exitCode !== null) {
      await release();
      throw new Error(`The demo's own redis-server did not start: ${check.detail}.`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, description: `a private redis-server on port ${port}, stopped on exit`, release };
}

/** Deletes this run's keys (never anything else: the Redis may be shared). */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined); // the failed command below reports it
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
