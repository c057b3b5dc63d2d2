/** `npm start` with a bad configuration: one clear line naming the key, exit code 2, no stack trace. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function start(env: Record<string, string>) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: res.status, stderr: res.stderr.trim() };
}

// Each case starts a Node process that loads the whole bot: on a busy machine that takes more than the default 20 s.
describe('starting the bot with a bad configuration', { timeout: 120_000 }, () => {
  it('names the missing environment variable and exits 2', () => {
    const { code, stderr } = start({});
    expect(code).toBe(2);
    expect(stderr).toBe('ci-chatops: environment: SLACK_BOT_TOKEN is required');
  });

  it('names the bad key of chatops.yaml and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-cfg-'));
    const path = join(dir, 'chatops.yaml');
    writeFileSync(path, 'access:\n  expiry: soon\n');
    const { code, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1234567', SLACK_APP_TOKEN: 'xapp-1234567', CHATOPS_CONFIG: path });
    expect(code).toBe(2);
    expect(stderr).toBe(`ci-chatops: ${path}: access.expiry: "soon" is not a duration (use e.g. 90s, 30m, 1h)`);
    expect(stderr).not.toContain('at ');
  });

  it('explains a directory where the file should be (what a bind mount of a missing file leaves)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-cfg-'));
    const path = join(dir, 'chatops.yaml');
    mkdirSync(path);
    const { code, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1234567', SLACK_APP_TOKEN: 'xapp-1234567', CHATOPS_CONFIG: path });
    expect(code).toBe(2);
    expect(stderr).toBe(
      `ci-chatops: ${path}: is a directory, not a configuration file (a container bind mount creates one when the file did not exist: remove it, then copy chatops.example.yaml to chatops.yaml)`,
    );
  });

  it('says where the file should be when it is missing', () => {
    const { code, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1234567', SLACK_APP_TOKEN: 'xapp-1234567', CHATOPS_CONFIG: '/nonexistent/chatops.yaml' });
    expect(code).toBe(2);
    expect(stderr).toContain('/nonexistent/chatops.yaml: cannot read the configuration file');
  });
});
