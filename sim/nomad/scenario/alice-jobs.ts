/**
 * The ALICE jobs as `levant render` + `nomad job run` would have registered them: the CI builder
 * instances (`ci-<role>-<arch>[-<suffix>]`, group "ci"), a macOS builder, the `repo` rsync
 * server and two Jenkins builders. Plain Job JSON, as POST /v1/jobs takes it.
 */
import type { JsonObject } from '../types.js';

const SECONDS = 1_000_000_000;
const DATACENTERS = ['cern-a', 'cern-b', 'cern-c'];
const linux = { LTarget: '${attr.kernel.name}', RTarget: 'linux', Operand: '=' };

/** The Vault-backed secrets template of the runbook, with the secrets continuous-builder.sh needs. */
const SECRETS_TEMPLATE = {
  SourcePath: '',
  DestPath: '${NOMAD_SECRETS_DIR}/secrets.env',
  EmbeddedTmpl: [
    '{{ with secret "kv/data/ci/alibot" }}',
    'GITHUB_TOKEN={{ .Data.data.github_token | toJSON }}',
    'GITLAB_USER={{ .Data.data.gitlab_user | toJSON }}',
    'GITLAB_PASS={{ .Data.data.gitlab_pass | toJSON }}',
    'AWS_ACCESS_KEY_ID={{ .Data.data.aws_access_key_id | toJSON }}',
    'AWS_SECRET_ACCESS_KEY={{ .Data.data.aws_secret_access_key | toJSON }}',
    '{{ end }}',
    '',
  ].join('\n'),
  ChangeMode: 'restart',
  ChangeSignal: '',
  Splay: 5 * SECONDS,
  Perms: '400',
  LeftDelim: '{{',
  RightDelim: '}}',
  Envvars: true,
};

const restartPolicy = { Attempts: 2, Interval: 1800 * SECONDS, Delay: 15 * SECONDS, Mode: 'fail', RenderTemplates: false };

function job(id: string, groups: JsonObject[], constraints: JsonObject[], meta: Record<string, string> | null = null): JsonObject {
  return {
    ID: id,
    Name: id,
    Namespace: 'default',
    Region: 'global',
    Type: 'service',
    Priority: 50,
    AllAtOnce: false,
    Datacenters: DATACENTERS,
    NodePool: 'default',
    Constraints: constraints,
    TaskGroups: groups,
    Meta: meta,
  };
}

/** One CI builder instance, as `ci/ci.nomad` renders a var file (role, arch, config_suffix, num_builders). */
export function ciJob(role: string, arch: string, suffix: string, numBuilders: number): JsonObject {
  const id = `ci-${role}-${arch}${suffix}`;
  const image = `registry.cern.ch/alisw/${arch}-builder:latest`;
  return job(
    id,
    [
      {
        Name: 'ci',
        Count: numBuilders,
        EphemeralDisk: { Sticky: true, Migrate: false, SizeMB: 245_760 },
        RestartPolicy: restartPolicy,
        Meta: { num_builders: String(numBuilders) },
        Tasks: [
          {
            Name: 'continuous-builder',
            Driver: 'docker',
            Config: { image, command: 'bash', args: ['-exc', 'exec ali-bot/ci/continuous-builder.sh'], privileged: false },
            Env: { MESOS_ROLE: role, CONTAINER_IMAGE: image, WORKERS_POOL_SIZE: String(numBuilders), ...(suffix ? { ALIBOT_CONFIG_SUFFIX: suffix } : {}) },
            Resources: { CPU: 0, Cores: 8, MemoryMB: 16_000 },
            Vault: { Policies: ['ci'], Role: '', ChangeMode: 'restart', ChangeSignal: '', Env: true, DisableFile: false },
            Templates: [SECRETS_TEMPLATE],
            KillTimeout: 30 * SECONDS,
            LogConfig: { Disabled: false, MaxFiles: 10, MaxFileSizeMB: 10 },
          },
        ],
      },
    ],
    [linux, { LTarget: '${meta.allow_compilation}', RTarget: 'true', Operand: '=' }],
  );
}

export function macJob(host: string): JsonObject {
  return job(
    `ci-macos-${host}`,
    [
      {
        Name: 'ci',
        Count: 1,
        EphemeralDisk: { Sticky: true, Migrate: false, SizeMB: 102_400 },
        RestartPolicy: restartPolicy,
        Meta: { num_builders: '1' },
        Tasks: [
          {
            Name: 'continuous-builder',
            Driver: 'raw_exec',
            Config: { command: '/Users/alibuild/ali-bot/ci/continuous-builder.sh' },
            Env: { MESOS_ROLE: 'macos', CONTAINER_IMAGE: '', WORKERS_POOL_SIZE: '1' },
            Resources: { CPU: 8000, MemoryMB: 12_000 },
            KillTimeout: 30 * SECONDS,
            LogConfig: { Disabled: false, MaxFiles: 10, MaxFileSizeMB: 10 },
          },
        ],
      },
    ],
    [
      { LTarget: '${attr.kernel.name}', RTarget: 'darwin', Operand: '=' },
      { LTarget: '${attr.unique.hostname}', RTarget: `${host}.cern.ch`, Operand: '=' },
    ],
  );
}

/** The rsync server for aliBuild tarballs (`repo.nomad`). */
export function repoJob(): JsonObject {
  return job(
    'repo',
    [
      {
        Name: 'repo',
        Count: 1,
        EphemeralDisk: { Sticky: false, Migrate: false, SizeMB: 2048 },
        Networks: [{ Mode: 'host', ReservedPorts: [{ Label: 'rsync', Value: 873 }], DynamicPorts: null }],
        Tasks: [
          {
            Name: 'rsync',
            Driver: 'docker',
            Config: { image: 'registry.cern.ch/alisw/rsync-server:latest', ports: ['rsync'] },
            Resources: { CPU: 500, MemoryMB: 1024 },
            Services: [
              {
                Name: 'repo',
                PortLabel: 'rsync',
                Provider: 'consul',
                Tags: ['rsync', 'alibuild'],
                Checks: [{ Name: 'alive', Type: 'tcp', Interval: 10 * SECONDS, Timeout: 2 * SECONDS }],
              },
            ],
            KillTimeout: 5 * SECONDS,
            LogConfig: { Disabled: false, MaxFiles: 10, MaxFileSizeMB: 10 },
          },
        ],
      },
    ],
    [linux],
  );
}

/** A Jenkins builder (`jenkins-builder/<name>.yaml`: name, docker_image, is_light). */
export function jenkinsJob(name: string, image: string): JsonObject {
  return job(
    `jenkins-builder-${name}`,
    [
      {
        Name: 'jenkins-builder',
        Count: 1,
        EphemeralDisk: { Sticky: false, Migrate: false, SizeMB: 20_480 },
        Tasks: [
          {
            Name: 'jenkins-agent',
            Driver: 'docker',
            Config: { image },
            Env: { JENKINS_AGENT_NAME: `${name}-builder`, IS_LIGHT: 'false' },
            Resources: { CPU: 0, Cores: 4, MemoryMB: 8000 },
            KillTimeout: 5 * SECONDS,
            LogConfig: { Disabled: false, MaxFiles: 10, MaxFileSizeMB: 10 },
          },
        ],
      },
    ],
    [linux],
  );
}

export function aliceJobs(): JsonObject[] {
  return [
    ciJob('mesosci', 'cs8', '', 8),
    ciJob('mesosci', 'slc9', '', 4),
    ciJob('mesosci', 'slc9', '-o2physics', 2),
    macJob('alimac01'),
    repoJob(),
    jenkinsJob('alice', 'registry.cern.ch/alisw/slc9-builder:latest'),
    jenkinsJob('o2', 'registry.cern.ch/alisw/slc9-builder:latest'),
  ];
}
