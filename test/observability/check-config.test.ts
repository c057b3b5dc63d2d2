/**
 * `ci-chatops check-config`, run as an operator would (the real bin in a child process) against
 * the Nomad, Slack and OpenStack simulators and the test Redis.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { startOpenStackSim, type OpenStackSim } from '../../sim/openstack/index.js';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.js';
import { BOT_TOKEN, REDIS_URL } from '../support/stack.js';

let nomad: NomadSim;
let slack: SlackSim;
let openstack: OpenStackSim;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function checkConfig(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/ci-chatops.js', 'check-config', ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: dir, ...env }, timeout: 90_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

// Each case starts Node with the whole CLI: seconds alone, far longer on a busy machine.
describe('ci-chatops check-config', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    [nomad, slack, openstack] = await Promise.all([startNomadSim(), startSlackSim({ botToken: BOT_TOKEN }), startOpenStackSim()]);
    dir = mkdtempSync(join(tmpdir(), 'check-config-'));
    writeFileSync(join(dir, 'good.yaml'), 'access:\n  expiry: 15m\nredis:\n  prefix: check-config-test\n');
    writeFileSync(join(dir, 'bad.yaml'), 'access:\n  expiry: soon\n');
  });
  afterAll(async () => {
    await Promise.all([nomad?.close(), slack?.close(), openstack?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const baseEnv = () => ({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-check', SLACK_API_URL: slack.apiUrl, REDIS_URL, NOMAD_ADDR: nomad.url });

  it('prints one line per check and exits 0, 1 or 2', async () => {
    const [ok, down, invalid] = await Promise.all([
      checkConfig(['--config', join(dir, 'good.yaml')], {
        ...baseEnv(),
        OS_AUTH_URL: openstack.authUrl,
        OS_AUTH_TYPE: 'v3applicationcredential',
        OS_APPLICATION_CREDENTIAL_ID: ALICE_CREDENTIALS.appCredentialId,
        OS_APPLICATION_CREDENTIAL_SECRET: ALICE_CREDENTIALS.appCredentialSecret,
      }),
      checkConfig([`--config=${join(dir, 'good.yaml')}`], { ...baseEnv(), NOMAD_ADDR: 'http://127.0.0.1:1', SLACK_BOT_TOKEN: 'xoxb-not-the-right-token-0000' }),
      checkConfig(['--config', join(dir, 'bad.yaml')], baseEnv()),
    ]);

    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const lines = ok.stdout.trim().split('\n');
    expect(lines[0]).toBe(`✔ config: ${join(dir, 'good.yaml')} is valid`);
    expect(lines[1]).toBe('✔ environment: Slack Socket Mode (SLACK_APP_TOKEN)');
    expect(lines[2]).toMatch(/^✔ redis: redis:\/\/127\.0\.0\.1:\d+ answers PING \(Redis \d+\.\d+/);
    expect(lines[3]).toMatch(new RegExp(`^✔ nomad: ${nomad.url}/? leader 10\\.162\\.32\\.\\d+:4647; the token lists \\d+ jobs$`));
    expect(lines[4]).toBe(`✔ slack: auth.test ok: bot @${slack.identity.botName} (U0CIBOT) in ${slack.identity.teamName} (T0ALICE)`);
    expect(lines[5]).toMatch(/^✔ openstack: Keystone http:\/\/127\.0\.0\.1:\d+\S* issued a token \(project [0-9a-f]+, \d+ services in the catalog\)$/);
    expect(lines).toHaveLength(6);

    expect(down.code, down.stdout + down.stderr).toBe(1);
    expect(down.stdout).toMatch(/^✔ redis: /m);
    expect(down.stdout).toMatch(/^✘ nomad: .*(ECONNREFUSED|connect)/m);
    expect(down.stdout).toMatch(/^✘ slack: .*invalid_auth/m);
    expect(down.stdout).toMatch(/^– openstack: not configured/m);
    expect(down.stdout).not.toContain('xoxb-not-the-right-token-0000');

    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toBe(`✘ config: ${join(dir, 'bad.yaml')}: access.expiry: "soon" is not a duration (use e.g. 90s, 30m, 1h)\n`);
  }, 30_000);
});
