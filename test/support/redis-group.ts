/**
 * A Redis Sentinel group of the test's own, from Debian's redis-server and redis-sentinel on free
 * ports: a primary, a replica and three sentinels (quorum 2), as the README's "High availability"
 * section sets it up, with fast timings (down after 1 s). The test can kill -9 any server, as a
 * host crash would, and start it again; the sentinels then make it a replica of the new primary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../sim/http/server.js';
import { eventually } from './eventually.js';

export interface RedisGroupOptions {
  /** Master group name (default `ci-chatops`). */
  name?: string;
  /** `requirepass` (and `masterauth`) of the data servers. */
  password?: string;
  /** `requirepass` of the sentinels. */
  sentinelPassword?: string;
  /** Sentinel's down-after-milliseconds (default 1000). */
  downAfterMs?: number;
}

export interface RedisGroup {
  name: string;
  /** `127.0.0.1:port` of each sentinel, as `redis.sentinels` takes them. */
  sentinels: string[];
  /** Ports of the data servers: the first primary, then the replica. */
  servers: number[];
  /** The primary's port, as the sentinels name it now. */
  primaryPort(): Promise<number>;
  /** SIGKILL the data server on `port` (no shutdown, no save). */
  kill9(port: number): Promise<void>;
  /** Starts the server on `port` again with its configuration (the sentinels reconfigure it). */
  restart(port: number): Promise<void>;
  /** Waits until the sentinels name a primary other than `oldPort`; resolves with its port. */
  promoted(oldPort: number, timeoutMs?: number): Promise<number>;
  /** Waits until the primary has `n` replicas in sync. */
  replicasInSync(n: number, timeoutMs?: number): Promise<void>;
  /** A plain connection to the data server on `port` (the test's own reads). */
  client(port: number): Redis;
  close(): Promise<void>;
}

export async function startRedisGroup(o: RedisGroupOptions = {}): Promise<RedisGroup> {
  const name = o.name ?? 'ci-chatops';
  const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-sentinel-'));
  const children = new Map<number, ChildProcess>();
  const configs = new Map<number, { bin: string; file: string }>();
  const clients: Redis[] = [];
  const auth = (pw?: string) => (pw ? [`requirepass ${pw}`, `masterauth ${pw}`] : []);

  const launch = async (port: number) => {
    const c = configs.get(port)!;
    const child = spawn(c.bin, [c.file], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.resume();
    child.stderr!.resume();
    children.set(port, child);
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${c.bin} on ${port} exited with ${child.exitCode}`);
        return canConnect(port);
      },
      10_000,
      `${c.bin} on port ${port}`,
    );
  };
  const kill9 = async (port: number) => {
    const child = children.get(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  };

  const servers = [await freePort(), await freePort()];
  const [primary, replica] = servers as [number, number];
  for (const port of servers) {
    const file = join(dir, `redis-${port}.conf`);
    const lines = [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `dbfilename dump-${port}.rdb`,
      'save ""',
      'appendonly no',
      'repl-diskless-sync yes',
      'repl-diskless-sync-delay 0',
      'loglevel warning',
      ...auth(o.password),
      ...(port === replica ? [`replicaof 127.0.0.1 ${primary}`] : []),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    configs.set(port, { bin: 'redis-server', file });
  }
  const client = (port: number) => {
    const r = new Redis({ port, host: '127.0.0.1', ...(o.password ? { password: o.password } : {}), maxRetriesPerRequest: 1, retryStrategy: () => null });
    r.on('error', () => undefined);
    clients.push(r);
    return r;
  };
  await launch(primary);
  await launch(replica);
  const replicasInSync = async (n: number, timeoutMs = 15_000) => {
    await eventually(
      async () => {
        const info = await withClient(client, await primaryOf(), (r) => r.info('replication'));
        const online = info.match(/^slave\d+:.*state=online/gm) ?? [];
        return online.length >= n;
      },
      timeoutMs,
      `${n} replica(s) in sync`,
    );
  };
  let primaryOf = async () => primary;
  await replicasInSync(1);

  const sentinelPorts = [await freePort(), await freePort(), await freePort()];
  for (const port of sentinelPorts) {
    const file = join(dir, `sentinel-${port}.conf`);
    const lines = [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      'loglevel warning',
      `sentinel monitor ${name} 127.0.0.1 ${primary} 2`,
      `sentinel down-after-milliseconds ${name} ${o.downAfterMs ?? 1_000}`,
      `sentinel failover-timeout ${name} 10000`,
      `sentinel parallel-syncs ${name} 1`,
      ...(o.password ? [`sentinel auth-pass ${name} ${o.password}`] : []),
      ...(o.sentinelPassword ? [`requirepass ${o.sentinelPassword}`] : []),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    configs.set(port, { bin: 'redis-sentinel', file });
    await launch(port);
  }
  const sentinel = (port: number) => {
    const r = new Redis({
      port,
      host: '127.0.0.1',
      ...(o.sentinelPassword ? { password: o.sentinelPassword } : {}),
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    r.on('error', () => undefined);
    return r;
  };
  const askSentinels = async <T>(fn: (r: Redis) => Promise<T>): Promise<T> => {
    let last: unknown;
    for (const port of sentinelPorts) {
      const child = children.get(port);
      if (!child || child.exitCode !== null) continue;
      const r = sentinel(port);
      try {
        return await fn(r);
      } catch (err) {
        last = err;
      } finally {
        r.disconnect();
      }
    }
    throw new Error(`no sentinel answers: ${String(last)}`);
  };
  primaryOf = async () => Number(((await askSentinels((r) => r.call('SENTINEL', 'get-master-addr-by-name', name))) as [string, string])[1]);
  // A failover needs a quorum that knows the replica and each other (hello messages every 2 s).
  await eventually(
    async () => {
      for (const port of sentinelPorts) {
        const r = sentinel(port);
        try {
          const flat = (await r.call('SENTINEL', 'master', name)) as string[];
          const f = Object.fromEntries(flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1]]] : [])));
          if (f['num-slaves'] !== '1' || f['num-other-sentinels'] !== '2') return false;
        } finally {
          r.disconnect();
        }
      }
      return true;
    },
    30_000,
    'three sentinels that know the replica and each other',
  );

  return {
    name,
    sentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`),
    servers,
    primaryPort: primaryOf,
    kill9,
    restart: async (port) => {
      await kill9(port);
      await launch(port);
    },
    promoted: (oldPort, timeoutMs = 30_000) =>
      eventually(
        async () => {
          const now = await primaryOf();
          return now !== oldPort ? now : undefined;
        },
        timeoutMs,
        'a new primary',
      ),
    replicasInSync,
    client,
    close: async () => {
      for (const r of clients) r.disconnect();
      await Promise.all([...children.keys()].map(kill9));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(client: (port: number) => Redis, port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = client(port);
  try {
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}
