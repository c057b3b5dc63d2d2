/**
 * jobspec2's decoding of the job-spec blocks our declarations use into `api.Job` (Go field names):
 * job, group, task, config, env, meta, resources, constraint, ephemeral_disk, template, vault,
 * service/check, network/port, update, restart, spread. Unset fields stay absent (null on the wire).
 */
import { HclDiagnostic } from './diagnostics.js';
import { childBlocks, decodeAttrs, freeForm, labelsOf, type AttrSpec } from './decode.js';
import type { Block, Body } from './syntax.js';

type Obj = Record<string, unknown>;

const CONSTRAINT: AttrSpec = {
  attribute: ['LTarget', 'string'],
  value: ['RTarget', 'string'],
  operator: ['Operand', 'string'],
  distinct_hosts: ['distinct_hosts', 'bool'],
  distinct_property: ['distinct_property', 'string'],
  regexp: ['regexp', 'string'],
  version: ['version', 'string'],
  semver: ['semver', 'string'],
  set_contains: ['set_contains', 'string'],
  set_contains_any: ['set_contains_any', 'string'],
};

/** `constraint { attribute, value, operator }` and the shorthand forms (`distinct_hosts = true`, `regexp = "..."`). */
function constraint(b: Block): Obj {
  labelsOf(b, []);
  const a = decodeAttrs(b.body, CONSTRAINT);
  const c: Obj = { LTarget: a.LTarget ?? '', RTarget: a.RTarget ?? '', Operand: a.Operand ?? '=' };
  if (a.distinct_hosts === true) c.Operand = 'distinct_hosts';
  if (a.distinct_property !== undefined) Object.assign(c, { Operand: 'distinct_property', LTarget: a.distinct_property });
  for (const op of ['regexp', 'version', 'semver', 'set_contains', 'set_contains_any']) {
    if (a[op] !== undefined) Object.assign(c, { Operand: op, RTarget: a[op] });
  }
  return c;
}

const constraints = (blocks: Block[] | undefined) => (blocks ? blocks.map(constraint) : undefined);

/**
 * `spread { attribute, weight, target "<value>" { percent } }` (api.Spread: Attribute, Weight,
 * SpreadTarget with hcl tags `attribute`, `weight`, `target,block`); the weight defaults to 50 in
 * Spread.Canonicalize (api/tasks.go).
 */
function spread(b: Block): Obj {
  labelsOf(b, []);
  const targets = childBlocks(b.body, ['target']).get('target') ?? [];
  const a = decodeAttrs(b.body, { attribute: ['Attribute', 'string'], weight: ['Weight', 'number'] });
  return {
    Attribute: a.Attribute ?? '',
    Weight: a.Weight ?? 50,
    SpreadTarget: targets.length
      ? targets.map((t) => ({ Value: labelsOf(t, ['value'])[0], ...decodeAttrs(t.body, { percent: ['Percent', 'number'] }) }))
      : null,
  };
}

function single(blocks: Map<string, Block[]>, type: string): Block | undefined {
  const b = blocks.get(type)?.[0];
  if (b) labelsOf(b, []);
  return b;
}

/** `meta { k = "v" }` block or `meta = { ... }` argument. */
function metaOf(body: Body, blocks: Map<string, Block[]>, attrs: Obj): Obj | undefined {
  const b = single(blocks, 'meta');
  if (b) return freeForm(b.body, 'string');
  void body;
  return attrs.Meta as Obj | undefined;
}

function check(b: Block): Obj {
  const name = labelsOf(b, b.labels.length ? ['name'] : [])[0];
  const a = decodeAttrs(b.body, {
    name: ['Name', 'string'],
    type: ['Type', 'string'],
    interval: ['Interval', 'duration'],
    timeout: ['Timeout', 'duration'],
    path: ['Path', 'string'],
    port: ['PortLabel', 'string'],
    protocol: ['Protocol', 'string'],
    method: ['Method', 'string'],
    command: ['Command', 'string'],
    args: ['Args', 'strings'],
  });
  return { ...(name ? { Name: name } : {}), ...a };
}

function service(b: Block): Obj {
  labelsOf(b, []);
  const blocks = childBlocks(b.body, ['check', 'meta']);
  const a = decodeAttrs(b.body, {
    name: ['Name', 'string'],
    port: ['PortLabel', 'string'],
    tags: ['Tags', 'strings'],
    provider: ['Provider', 'string'],
    address_mode: ['AddressMode', 'string'],
    task: ['TaskName', 'string'],
    canary_tags: ['CanaryTags', 'strings'],
  });
  const checks = blocks.get('check')?.map(check);
  return { ...a, ...(checks ? { Checks: checks } : {}), ...(blocks.get('meta') ? { Meta: freeForm(blocks.get('meta')![0]!.body, 'string') } : {}) };
}

function network(b: Block): Obj {
  labelsOf(b, []);
  const blocks = childBlocks(b.body, ['port']);
  const a = decodeAttrs(b.body, { mode: ['Mode', 'string'], hostname: ['Hostname', 'string'] });
  const reserved: Obj[] = [];
  const dynamic: Obj[] = [];
  for (const p of blocks.get('port') ?? []) {
    const [label] = labelsOf(p, ['label']);
    const pa = decodeAttrs(p.body, { static: ['Value', 'number'], to: ['To', 'number'], host_network: ['HostNetwork', 'string'] });
    (pa.Value !== undefined ? reserved : dynamic).push({ Label: label, ...pa });
  }
  return { ...a, ReservedPorts: reserved.length ? reserved : null, DynamicPorts: dynamic.length ? dynamic : null };
}

const TEMPLATE: AttrSpec = {
  data: ['EmbeddedTmpl', 'string'],
  destination: ['DestPath', 'string'],
  source: ['SourcePath', 'string'],
  env: ['Envvars', 'bool'],
  perms: ['Perms', 'string'],
  change_mode: ['ChangeMode', 'string'],
  change_signal: ['ChangeSignal', 'string'],
  splay: ['Splay', 'duration'],
  left_delimiter: ['LeftDelim', 'string'],
  right_delimiter: ['RightDelim', 'string'],
  uid: ['Uid', 'number'],
  gid: ['Gid', 'number'],
  error_on_missing_key: ['ErrMissingKey', 'bool'],
};

const VAULT: AttrSpec = {
  policies: ['Policies', 'strings'],
  role: ['Role', 'string'],
  change_mode: ['ChangeMode', 'string'],
  change_signal: ['ChangeSignal', 'string'],
  env: ['Env', 'bool'],
  disable_file: ['DisableFile', 'bool'],
  namespace: ['Namespace', 'string'],
  cluster: ['Cluster', 'string'],
};

const RESOURCES: AttrSpec = {
  cpu: ['CPU', 'number'],
  cores: ['Cores', 'number'],
  memory: ['MemoryMB', 'number'],
  memory_max: ['MemoryMaxMB', 'number'],
  disk: ['DiskMB', 'number'],
};

function task(b: Block): Obj {
  const [name] = labelsOf(b, ['name']);
  const blocks = childBlocks(
    b.body,
    ['config', 'env', 'meta', 'resources', 'template', 'vault', 'service', 'constraint', 'restart', 'logs'],
    ['config', 'env', 'meta', 'resources', 'vault', 'restart', 'logs'],
  );
  const a = decodeAttrs(
    b.body,
    {
      driver: ['Driver', 'string'],
      user: ['User', 'string'],
      kill_timeout: ['KillTimeout', 'duration'],
      kill_signal: ['KillSignal', 'string'],
      leader: ['Leader', 'bool'],
      shutdown_delay: ['ShutdownDelay', 'duration'],
      env: ['Env', 'map'],
      meta: ['Meta', 'map'],
    },
    ['driver'],
  );
  const out: Obj = { Name: name, ...a };
  const cfg = single(blocks, 'config');
  if (cfg) out.Config = freeForm(cfg.body, 'any');
  const env = single(blocks, 'env');
  if (env) out.Env = freeForm(env.body, 'string');
  const meta = metaOf(b.body, blocks, a);
  if (meta) out.Meta = meta;
  const res = single(blocks, 'resources');
  if (res) out.Resources = decodeAttrs(res.body, RESOURCES);
  const templates = blocks.get('template')?.map((t) => {
    labelsOf(t, []); // a template block takes no labels: this throws Nomad's error if it has one
    return decodeAttrs(t.body, TEMPLATE);
  });
  if (templates) out.Templates = templates;
  const vault = single(blocks, 'vault');
  if (vault) out.Vault = decodeAttrs(vault.body, VAULT);
  const services = blocks.get('service')?.map(service);
  if (services) out.Services = services;
  const cons = constraints(blocks.get('constraint'));
  if (cons) out.Constraints = cons;
  const restart = single(blocks, 'restart');
  if (restart) out.RestartPolicy = restartPolicy(restart);
  const logs = single(blocks, 'logs');
  if (logs)
    out.LogConfig = decodeAttrs(logs.body, { max_files: ['MaxFiles', 'number'], max_file_size: ['MaxFileSizeMB', 'number'], disabled: ['Disabled', 'bool'] });
  return out;
}

function restartPolicy(b: Block): Obj {
  return decodeAttrs(b.body, {
    attempts: ['Attempts', 'number'],
    interval: ['Interval', 'duration'],
    delay: ['Delay', 'duration'],
    mode: ['Mode', 'string'],
    render_templates: ['RenderTemplates', 'bool'],
  });
}

const UPDATE: AttrSpec = {
  max_parallel: ['MaxParallel', 'number'],
  health_check: ['HealthCheck', 'string'],
  min_healthy_time: ['MinHealthyTime', 'duration'],
  healthy_deadline: ['HealthyDeadline', 'duration'],
  progress_deadline: ['ProgressDeadline', 'duration'],
  auto_revert: ['AutoRevert', 'bool'],
  auto_promote: ['AutoPromote', 'bool'],
  canary: ['Canary', 'number'],
  stagger: ['Stagger', 'duration'],
};

function group(b: Block): Obj {
  const [name] = labelsOf(b, ['name']);
  const blocks = childBlocks(
    b.body,
    ['task', 'constraint', 'spread', 'ephemeral_disk', 'meta', 'network', 'service', 'update', 'restart'],
    ['ephemeral_disk', 'meta', 'update', 'restart'],
  );
  const a = decodeAttrs(b.body, { count: ['Count', 'number'], meta: ['Meta', 'map'], shutdown_delay: ['ShutdownDelay', 'duration'] });
  const out: Obj = { Name: name, ...a };
  const cons = constraints(blocks.get('constraint'));
  if (cons) out.Constraints = cons;
  const spreads = blocks.get('spread')?.map(spread);
  if (spreads) out.Spreads = spreads;
  const disk = single(blocks, 'ephemeral_disk');
  if (disk) out.EphemeralDisk = decodeAttrs(disk.body, { sticky: ['Sticky', 'bool'], migrate: ['Migrate', 'bool'], size: ['SizeMB', 'number'] });
  const meta = metaOf(b.body, blocks, a);
  if (meta) out.Meta = meta;
  const networks = blocks.get('network')?.map(network);
  if (networks) out.Networks = networks;
  const services = blocks.get('service')?.map(service);
  if (services) out.Services = services;
  const update = single(blocks, 'update');
  if (update) out.Update = decodeAttrs(update.body, UPDATE);
  const restart = single(blocks, 'restart');
  if (restart) out.RestartPolicy = restartPolicy(restart);
  out.Tasks = (blocks.get('task') ?? []).map(task);
  return out;
}

/**
 * jobspec2 (types.config.go decodeBody → InputVariables.Values): every declared variable needs a
 * value, and the parse endpoint gives none but its `Variables` text: no NOMAD_VAR_* environment,
 * no -var flags as the CLI has. The diagnostic has a context but no subject (types.variables.go).
 * (References to `var.x` are outside the simulator's subset: it answers them "Unknown variable".)
 */
function unsetVariables(variables: Block[]): void {
  for (const v of variables) {
    if (v.body.attributes.some((a) => a.name === 'default')) continue;
    const name = v.labels[0] ?? '';
    throw new HclDiagnostic(
      `Unset variable "${name}"`,
      'A used variable must be set or have a default value; see https://developer.hashicorp.com/nomad/docs/reference/hcl2/variables  for details.',
      undefined,
    );
  }
}

/** The job of a file: exactly one `job "<id>" { ... }` block. */
export function decodeJob(root: Body): Obj {
  const blocks = childBlocks(root, ['job', 'variable', 'locals']);
  unsetVariables(blocks.get('variable') ?? []);
  if (root.attributes[0])
    throw new HclDiagnostic('Unsupported argument', `An argument named "${root.attributes[0].name}" is not expected here.`, root.attributes[0].nameRange);
  const jobs = blocks.get('job') ?? [];
  if (jobs.length === 0) throw new HclDiagnostic('Missing job block', 'A job block is required', root.range);
  if (jobs.length > 1) throw new HclDiagnostic('Duplicate job block', 'Only one job block is allowed', jobs[1]!.typeRange);
  const b = jobs[0]!;
  const [id] = labelsOf(b, ['name']);
  const child = childBlocks(b.body, ['group', 'constraint', 'meta', 'update', 'vault'], ['meta', 'update']);
  const a = decodeAttrs(b.body, {
    name: ['Name', 'string'],
    type: ['Type', 'string'],
    region: ['Region', 'string'],
    namespace: ['Namespace', 'string'],
    datacenters: ['Datacenters', 'strings'],
    node_pool: ['NodePool', 'string'],
    priority: ['Priority', 'number'],
    all_at_once: ['AllAtOnce', 'bool'],
    meta: ['Meta', 'map'],
    id: ['ID', 'string'],
  });
  const job: Obj = { ID: id, Name: id, ...a };
  const cons = constraints(child.get('constraint'));
  if (cons) job.Constraints = cons;
  const meta = metaOf(b.body, child, a);
  if (meta) job.Meta = meta;
  const update = single(child, 'update');
  if (update) job.Update = decodeAttrs(update.body, UPDATE);
  job.TaskGroups = (child.get('group') ?? []).map(group);
  return job;
}
