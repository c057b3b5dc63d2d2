import { describe, expect, it } from 'vitest';
import { AccessPolicy } from '../../src/access/policy.js';
import { ConfigError, parseConfigText, parseEnv } from '../../src/config/load.js';

const YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, "@ci-admins"]
  classes:
    nomad-mutate:
      request: ["@operators"]
      approve: ["@ci-admins", S0ONCALL]
      channels: [C0CIOPS]
  expiry: 15m
scale:
  maxCount: 40
  jobs:
    ci-mesosci-cs8: { maxCount: 20 }
`;

describe('chatops.yaml', () => {
  it('declarations.git: the branch, path, clone and fetch timer default; a plain directory otherwise', () => {
    const git = parseConfigText('declarations:\n  git:\n    url: git@github.com:alisw/ci-jobs.git\n    fetchEvery: 2m\n', 'x').declarations;
    expect(git).toEqual({
      git: {
        url: 'git@github.com:alisw/ci-jobs.git',
        branch: 'main',
        path: '',
        cloneDir: '.ci-chatops/declarations',
        fetchEvery: 120_000,
        fetchTimeout: 60_000,
        readWait: 10_000,
      },
    });
    expect(parseConfigText('', 'x').declarations).toEqual({});
  });

  it('parses durations and fills defaults', () => {
    const c = parseConfigText(YAML, 'chatops.yaml');
    expect(c.access.expiry).toBe(15 * 60_000);
    expect(c.redis.prefix).toBe('ci-chatops');
    expect(c.scale.allowZero).toBe(false);
    expect(c.scale.jobs['ci-mesosci-cs8']?.maxCount).toBe(20);
  });
  it.each([
    ['access:\n  expiry: soon\n', 'chatops.yaml: access.expiry: "soon" is not a duration'],
    ['scale:\n  maxCount: many\n', 'chatops.yaml: scale.maxCount:'],
    ['sclae:\n  maxCount: 3\n', 'unknown key "sclae"'],
    ['access:\n  classes:\n    nomad-mutate:\n      request: [alice]\n', 'access.classes.nomad-mutate.request.0: expected a user ID'],
    ['a: [', 'not valid YAML'],
    [
      'declarations:\n  git:\n    url: https://bot:glpat-abc@gitlab.cern.ch/alice/ci-jobs.git\n',
      'declarations.git.url: holds a password or token: put it in CHATOPS_GIT_TOKEN instead',
    ],
    [
      'declarations:\n  dir: examples/ci-jobs\n  git:\n    url: git@github.com:alisw/ci-jobs.git\n',
      'declarations: give either dir (a plain directory) or git (a repository), not both',
    ],
    [
      'declarations:\n  git:\n    url: git@github.com:alisw/ci-jobs.git\n    path: ../etc\n',
      'declarations.git.path: expected a relative path inside the repository',
    ],
    ['declarations:\n  git:\n    url: git@github.com:alisw/ci-jobs.git\n    planOnMerge: { channel: ci-ops }\n', 'declarations.git.planOnMerge.channel:'],
  ])('names the key in a bad file: %s', (text, message) => {
    expect(() => parseConfigText(text, 'chatops.yaml')).toThrow(ConfigError);
    expect(() => parseConfigText(text, 'chatops.yaml')).toThrow(message);
  });
});

describe('an unknown key in chatops.yaml (issue 16, small)', () => {
  it.each([
    ['sclae:\n  maxCount: 3\n', 'chatops.yaml: (top level): unknown key "sclae"; did you mean "scale"?'],
    ['access:\n  expiri: 30m\n', 'chatops.yaml: access: unknown key "expiri"; did you mean "expiry"?'],
    ['scale:\n  jobs:\n    ci-mesosci-cs8: { maxcount: 3 }\n', 'chatops.yaml: scale.jobs.ci-mesosci-cs8: unknown key "maxcount"; did you mean "maxCount"?'],
    ['access:\n  classes:\n    node:\n      aprove: ["@ci-admins"]\n', 'chatops.yaml: access.classes.node: unknown key "aprove"; did you mean "approve"?'],
    ['monitors:\n  disk:\n    checkIntervalMS: 5s\n', 'chatops.yaml: monitors.disk: unknown key "checkIntervalMS"; did you mean "checkIntervalMs"?'],
  ])('suggests the key the schema accepts there: %s', (text, message) => {
    expect(() => parseConfigText(text, 'chatops.yaml')).toThrow(new ConfigError(message));
  });

  it('lists the keys allowed there when none is close', () => {
    expect(() => parseConfigText('redis:\n  cluster: true\n', 'chatops.yaml')).toThrow(
      /^chatops\.yaml: redis: unknown key "cluster" \(allowed here: [^)]*\burl\b[^)]*\bprefix\b/,
    );
  });

  it('names the misspelt key rather than the real one it leaves missing', () => {
    const text = 'access:\n  freeze:\n    windows:\n      - { nmae: release, start: "2026-06-01T00:00:00Z", end: "2026-06-08T00:00:00Z" }\n';
    expect(() => parseConfigText(text, 'chatops.yaml')).toThrow(
      new ConfigError('chatops.yaml: access.freeze.windows.0: unknown key "nmae"; did you mean "name"?'),
    );
  });
});

describe('environment', () => {
  it('needs a bot token and either a signing secret or an app token', () => {
    expect(() => parseEnv({})).toThrow('environment: SLACK_BOT_TOKEN is required');
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow('SLACK_SIGNING_SECRET is required in HTTP mode');
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'nope', SLACK_SIGNING_SECRET: 's' })).toThrow('SLACK_BOT_TOKEN must be a bot token');
    expect(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).PORT).toBe(3000);
  });
});

describe('access policy', () => {
  const access = parseConfigText(YAML, 'x').access;
  const policy = new AccessPolicy(access, async (g) => (g === 'S0ONCALL' ? ['U0DAVE'] : []));

  it('lets operators request in the configured channel only', async () => {
    expect(await policy.canRequest('nomad-mutate', 'U0ALICE', 'C0CIOPS')).toEqual({ allowed: true });
    expect(await policy.canRequest('nomad-mutate', 'U0ALICE', 'C0RANDOM')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('not allowed in this channel'),
    });
    expect(await policy.canRequest('nomad-mutate', 'U0DAVE', 'C0CIOPS')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('You may not request'),
    });
    expect(await policy.canRequest('nomad-mutate', 'U0ALICE', 'D0ALICE')).toMatchObject({ allowed: false, reason: expect.stringContaining('direct messages') });
  });
  it('refuses self-approval and non-approvers, accepts Slack user-group members', async () => {
    expect(await policy.canApprove('nomad-mutate', 'U0BOB', 'U0BOB')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('You requested this change'),
    });
    expect(await policy.canApprove('nomad-mutate', 'U0ALICE', 'U0BOB')).toMatchObject({ allowed: false });
    expect(await policy.canApprove('nomad-mutate', 'U0DAVE', 'U0ALICE')).toEqual({ allowed: true });
    expect(await policy.canApprove('nomad-mutate', 'U0CAROL', 'U0ALICE')).toEqual({ allowed: true });
  });
  it('refuses unconfigured classes and allows read to everyone by default', async () => {
    expect(await policy.canRequest('vm', 'U0BOB', 'C0CIOPS')).toMatchObject({ allowed: false, reason: expect.stringContaining('access.classes.vm') });
    expect(await policy.canRequest('read', 'U0NOBODY', 'C0RANDOM')).toEqual({ allowed: true });
  });
});
