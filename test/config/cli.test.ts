/**
 * Issue 16 (small items): `npx ci-chatops --help` answers with the usage instead of an error, and
 * `check-config FILE` takes the file as an argument, as operators type it. The real bin, in a child.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/ci-chatops.js', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: dir, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each run starts Node with tsx and loads the command line's modules: slow on a busy machine.
describe('ci-chatops --help', { timeout: 120_000 }, () => {
  it('prints the commands on stdout and exits 0, for --help, -h, help and no argument', async () => {
    const runs = await Promise.all([run(['--help']), run(['-h']), run(['help']), run([])]);
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^usage: ci-chatops <command> \[args\]\n/);
      expect(r.stdout).toContain('  check-config [FILE | --config FILE]');
      expect(r.stdout).toContain('  render [--dir DIR] <instance>');
    }
  });

  it('gives one command’s usage for `<command> --help` and `help <command>`', async () => {
    const [flag, word] = await Promise.all([run(['check-config', '--help']), run(['help', 'render'])]);
    expect(flag.code).toBe(0);
    expect(flag.stdout).toMatch(/^usage: ci-chatops check-config \[FILE \| --config FILE\] /);
    expect(word.code).toBe(0);
    expect(word.stdout).toMatch(/^usage: ci-chatops render \[--dir DIR\] <instance>/);
  });

  it('names an unknown command, suggests the closest, and lists the commands on stderr', async () => {
    const r = await run(['check-confg']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ci-chatops: unknown command "check-confg"; did you mean check-config\?\n\nusage: ci-chatops <command>/);
  });
});

describe('ci-chatops check-config FILE', { timeout: 120_000 }, () => {
  it('reads the file named as an argument, like --config', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'access:\n  expiry: soon\n');
    const env = { SLACK_BOT_TOKEN: 'xoxb-1234567', SLACK_APP_TOKEN: 'xapp-1234567', CHATOPS_CONFIG: join(dir, 'absent.yaml') };
    const [positional, flag] = await Promise.all([run(['check-config', bad], env), run(['check-config', '--config', bad], env)]);
    expect(positional.code).toBe(2);
    expect(positional.stdout).toBe(`✘ config: ${bad}: access.expiry: "soon" is not a duration (use e.g. 90s, 30m, 1h)\n`);
    expect(flag.stdout).toBe(positional.stdout);
  });

  it('refuses two files and unknown options with the usage', async () => {
    const two = await run(['check-config', 'a.yaml', '--config', 'b.yaml']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(
      'ci-chatops check-config: one configuration file at a time (got a.yaml and b.yaml)\nusage: ci-chatops check-config [FILE | --config FILE]',
    );
    const option = await run(['check-config', '--strict']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('ci-chatops check-config: unknown option --strict');
  });
});
