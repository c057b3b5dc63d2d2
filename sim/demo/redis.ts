/**
 * Redis for the demo: REDIS_URL if set, else a private `redis-server` on a free port (nothing kept
 * on disk), else a clear explanation of how to get one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../http/server.js';

export interface DemoRedis {
  url: string;
  stop(): Promise<void>;
}

export async function demoRedis(env: Record<string, string | undefined>): Promise<DemoRedis> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, stop: async () => undefined };
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'The demo needs Redis. Either set REDIS_URL=redis://host:6379, or install a server: ' +
        '`apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS), or `docker compose up -d redis`.',
    );
  }
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let i = 0; i < 100; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  probe.disconnect();
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}
