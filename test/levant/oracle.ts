/**
 * Builds and runs the Go oracle (test/levant/oracle/*.go). Without Go, callers get `undefined`:
 * CI fails on that, a workstation prints a loud warning. The binary is cached in the temp
 * directory under the hash of the oracle's sources, so only a changed oracle is recompiled.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OracleCase {
  name: string;
  template: string;
  /** A var file's text, decoded as `varsKind` (YAML when absent). */
  vars: string;
  varsKind?: 'yaml' | 'json' | 'tf';
  /** Other delimiters than Levant's `[[ ]]` (Go's own test tables use `{{ }}`). */
  delims?: [string, string];
}
export interface OracleResult {
  out: string;
  err: string | null;
}
export type Oracle = (cases: OracleCase[]) => OracleResult[];

export const ORACLE_ENV = { ORACLE_GREETING: 'hello from env' };

const sourceDir = fileURLToPath(new URL('./oracle/', import.meta.url));

function haveGo(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(sourceDir)
    .filter((x) => x.endsWith('.go'))
    .sort())
    hash.update(f).update(readFileSync(join(sourceDir, f)));
  return hash.digest('hex').slice(0, 16);
}

function compile(): string {
  const dir = join(tmpdir(), 'ci-chatops-levant-oracle');
  mkdirSync(dir, { recursive: true });
  const bin = join(dir, `oracle-${sourceHash()}`);
  if (existsSync(bin)) return bin;
  const partial = `${bin}.${process.pid}.tmp`;
  execFileSync('go', ['build', '-o', partial, '.'], {
    cwd: sourceDir,
    env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(tmpdir(), 'ci-chatops-gocache'), GOFLAGS: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  renameSync(partial, bin);
  return bin;
}

/** Compiles the oracle once; returns undefined (after warning, or failing on CI) when Go is missing. */
export function buildOracle(): Oracle | undefined {
  if (!haveGo()) {
    if (process.env['CI']) throw new Error('Go is not installed: the text/template oracle must run on CI');
    console.warn(
      '\n\n!!!!!!!! Go toolchain not found: the Go text/template ORACLE DID NOT RUN. !!!!!!!!\n' +
        '!!!!!!!! Install golang-go, golang-github-masterminds-sprig-dev and            !!!!!!!!\n' +
        '!!!!!!!! golang-github-hashicorp-hcl-v2-dev to compare.                        !!!!!!!!\n\n',
    );
    return undefined;
  }
  const bin = compile();
  return (cases) => {
    const out = execFileSync(bin, [], { input: JSON.stringify(cases), env: { ...process.env, ...ORACLE_ENV }, maxBuffer: 256 << 20 });
    return JSON.parse(out.toString('utf8')) as OracleResult[];
  };
}
