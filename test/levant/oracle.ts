/**
 * Builds and runs the Go oracle (test/levant/oracle/oracle.go). Without Go, callers get
 * `undefined`: CI fails on that, a workstation prints a loud warning.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OracleCase {
  name: string;
  template: string;
  yaml: string;
}
export interface OracleResult {
  out: string;
  err: string | null;
}
export type Oracle = (cases: OracleCase[]) => OracleResult[];

export const ORACLE_ENV = { ORACLE_GREETING: 'hello from env' };

const source = fileURLToPath(new URL('./oracle/oracle.go', import.meta.url));

function haveGo(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Compiles the oracle once; returns undefined (after warning or failing on CI) when Go is missing. */
export function buildOracle(): Oracle | undefined {
  if (!haveGo()) {
    if (process.env['CI']) throw new Error('Go is not installed: the text/template oracle must run on CI');
    console.warn('\n\n!!!!!!!! Go toolchain not found: the Go text/template ORACLE DID NOT RUN. !!!!!!!!\n' +
      '!!!!!!!! Install golang-go and golang-github-masterminds-sprig-dev to compare.   !!!!!!!!\n\n');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'levant-oracle-'));
  const bin = join(dir, 'oracle');
  execFileSync('go', ['build', '-o', bin, source], {
    cwd: dir,
    env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(tmpdir(), 'ci-chatops-gocache'), GOFLAGS: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return (cases) => {
    const out = execFileSync(bin, [], { input: JSON.stringify(cases), env: { ...process.env, ...ORACLE_ENV }, maxBuffer: 64 << 20 });
    return JSON.parse(out.toString('utf8')) as OracleResult[];
  };
}
