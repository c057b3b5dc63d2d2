import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/ci-chatops.js', import.meta.url));
const cwd = fileURLToPath(new URL('../..', import.meta.url));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npx ci-chatops render', () => {
  it('prints the rendered job on stdout and exits 0', async () => {
    const r = await run(['render', 'mesosci-cs8', '--var', 'num_builders=12']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Continuous builders/);
    expect(r.stdout).toContain('job "ci-mesosci-cs8" {\n');
    expect(r.stdout).toContain('    count = 12\n');
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('lists candidates for a directory and suggestions for unknown names on stderr, exit 1', async () => {
    const dir = await run(['render', '--dir', 'examples/ci-jobs', 'ci']);
    expect(dir.code).toBe(1);
    expect(dir.stdout).toBe('');
    expect(dir.stderr).toContain('ci is a directory of 4 instances; name one:\n  ci/macos-alimac01  (job ci-macos-alimac01)');
    const unknown = await run(['render', 'mesosci-cs9']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'No job or declaration called mesosci-cs9.\nDid you mean:\n  ci/mesosci-cs8  (job ci-mesosci-cs8)\n  ci/mesosci-slc9  (job ci-mesosci-slc9)\n',
    );
  });

  it('reports bad usage and unknown subcommands; help lists the commands', async () => {
    const bad = await run(['render']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('which instance?');
    const nope = await run(['frobnicate']);
    expect(nope.code).toBe(1);
    expect(nope.stderr).toContain('unknown command "frobnicate"');
    const help = await run(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('render [--dir DIR] <instance>');
  });
});
