/**
 * The Nomad simulator with a big farm, in its own process (the bench's growth section): the
 * simulator's work (20,000 nodes, 200,000 allocations) runs on its own core and does not slow the
 * bench that times the bot. Driven over IPC by `startFarmProcess` (bench/farm.ts).
 */
import { startNomadSim, type NomadSim } from '../sim/nomad/index.js';
import { bigFarm } from '../test/e2e/farm-500.js';
import type { FarmReply, FarmRequest } from './farm.js';

const send = (m: FarmReply) => process.send!(m);
let sim: NomadSim | undefined;

process.on('message', (m: FarmRequest) => {
  try {
    if (m.op === 'start') {
      const t0 = performance.now();
      void startNomadSim({ scenario: bigFarm(m.nodes, m.nodes / 50, 500) }).then(
        (started) => {
          sim = started;
          send({ id: m.id, ok: true, url: started.url, loadMs: performance.now() - t0 });
        },
        (err: unknown) => send({ id: m.id, ok: false, error: String(err) }),
      );
      return;
    }
    if (!sim) throw new Error('the farm is not started');
    if (m.op === 'nodeDown') sim.controls.nodeDown(m.node);
    else if (m.op === 'nodeUp') sim.controls.nodeUp(m.node);
    else if (m.op === 'close') {
      void sim.close().then(() => {
        send({ id: m.id, ok: true });
        process.exit(0);
      });
      return;
    }
    send({ id: m.id, ok: true });
  } catch (err) {
    send({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
send({ id: 0, ok: true });
