/**
 * `npm run test:contract`: the Nomad contract tests (test/contract) against whatever NOMAD_ADDR
 * points to — a real `nomad agent -dev`, a staging cluster — or the simulator when it is unset.
 * NOMAD_TOKEN, NOMAD_CACERT and the other NOMAD_* variables are used as the nomad CLI uses them.
 */
import { spawnSync } from 'node:child_process';

const target = process.env.NOMAD_ADDR;
process.stdout.write(`Nomad contract tests against ${target ?? 'the simulator (set NOMAD_ADDR for a real agent)'}\n`);
const res = spawnSync('npx', ['vitest', 'run', 'test/contract', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...(target ? { CONTRACT_NOMAD_ADDR: target } : {}) },
});
process.exit(res.status ?? 1);
