/** Starts bench/farm-process.ts (the Nomad simulator with a big farm) and drives it over IPC. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type FarmAsk = { op: 'start'; nodes: number } | { op: 'nodeDown' | 'nodeUp'; node: string } | { op: 'close' };
export type FarmRequest = FarmAsk & { id: number };
export type FarmReply = { id: number; ok: true; url?: string; loadMs?: number } | { id: number; ok: false; error: string };

export interface FarmProcess {
  url: string;
  /** How long the simulator took to load the farm. */
  loadMs: number;
  nodeDown(name: string): Promise<void>;
  nodeUp(name: string): Promise<void>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./farm-process.ts', import.meta.url));

/** A farm of `nodes` nodes with 10 allocations each (bigFarm: `nodes / 50` jobs of 500). */
export async function startFarmProcess(nodes: number): Promise<FarmProcess> {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', ...(process.env.FARM_NODE_FLAGS ?? '').split(' ').filter(Boolean)],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (r: FarmReply & { ok: true }) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject });
  });
  child.on('message', (m: FarmReply) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m);
    else w?.reject(new Error(`farm process: ${m.error}`));
  });
  child.once('exit', (code, signal) => {
    for (const w of waiting.values()) w.reject(new Error(`farm process ended (${signal ?? code})`));
    waiting.clear();
  });
  const ask = (req: FarmAsk): Promise<FarmReply & { ok: true }> =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      child.send({ ...req, id });
    });
  await ready;
  const started = await ask({ op: 'start', nodes });
  return {
    url: started.url!,
    loadMs: started.loadMs!,
    nodeDown: async (node) => void (await ask({ op: 'nodeDown', node })),
    nodeUp: async (node) => void (await ask({ op: 'nodeUp', node })),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      await ask({ op: 'close' }).catch(() => undefined);
      await exited;
    },
  };
}
