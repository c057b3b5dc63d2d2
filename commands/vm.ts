/**
 * `/ci vm <list|show|reboot|rebuild|create|delete> …`: the build machines as OpenStack sees them
 * (seed 002). Subcommands are a table; the mutating ones are planned, checked and approved.
 */
import { isMasterName, type CommandContext, type CommandModule, type ParseResult } from '../src/operations/index.js';
import { existingServer, unknownServer } from './known-machines.js';
import { ownEntry, parseFlags, type FlagKind } from './flags.js';
import { closest, orList } from './suggest.js';
import { echo } from './tokenize.js';

interface VmSubcommand {
  readonly usage: string;
  readonly summary: string;
  readonly example: string;
  readonly flags: Readonly<Record<string, FlagKind>>;
  /** Whether the name must be an existing server, or a new one (create). */
  readonly server?: 'existing' | 'new';
  /** `name` is the validated machine name when the subcommand takes one. */
  build(name: string | undefined, values: ReadonlyMap<string, string>, usage: (problem: string) => ParseResult): ParseResult;
  readonly takesName: 'required' | 'optional-filter';
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** OpenStack names we pass on (flavor, image, zone, volume type): printable, no backquotes. */
const OS_NAME = /^[^\u0000-\u001f`]{1,255}$/;

function named(
  verb: string,
  summary: string,
  example: string,
  flags: Record<string, FlagKind>,
  build: VmSubcommand['build'],
  server?: 'existing',
): VmSubcommand {
  const extra = Object.entries(flags)
    .map(([f, k]) => (k === 'bool' ? `[--${f}]` : `[--${f} <${f}>]`))
    .join(' ');
  return { usage: `/ci vm ${verb} <name>${extra ? ` ${extra}` : ''}`, summary, example, flags, build, takesName: 'required', ...(server ? { server } : {}) };
}

const list: VmSubcommand = {
  usage: '/ci vm list [--filter <text>]',
  summary: 'The servers in OpenStack with their Nova status and what Nomad says about each.',
  example: '/ci vm list --filter alibuild',
  flags: { filter: 'value' },
  takesName: 'optional-filter',
  build: (positional, values) => {
    const filter = values.get('filter') ?? positional;
    return { type: 'read', request: { kind: 'vm.list', v: 1, ...(filter ? { filter: echo(filter, 100) } : {}) } };
  },
};

const create: VmSubcommand = {
  usage: '/ci vm create <name> --flavor <flavor> [--volume-gb 1000] [--volume-type io1] [--zone <zone>] [--image <image>]',
  summary: "A new build machine (the seed's ai-bs recipe): server, ACTIVE, a build disk <name>-store, the Nomad client registered.",
  example: '/ci vm create alibuild13 --flavor m2.2xlarge',
  flags: { flavor: 'value', 'volume-gb': 'value', 'volume-type': 'value', zone: 'value', image: 'value' },
  takesName: 'required',
  server: 'new',
  build: (name, values, usage) => {
    const flavor = values.get('flavor');
    if (flavor === undefined) return usage('`--flavor` is required (m2.2xlarge for build VMs, m2.large for masters; `openstack flavor list` shows them).');
    const gbText = values.get('volume-gb');
    if (gbText !== undefined && !/^\d{1,5}$/.test(gbText)) return usage(`\`${echo(gbText)}\` is not a size in GB.`);
    // Masters and bare metal (p1.*) have no build disk unless asked; agent VMs get the seed's 1000 GB io1.
    const volumeGb = gbText !== undefined ? Number(gbText) : isMasterName(name!) || flavor.startsWith('p1.') ? 0 : 1000;
    if (volumeGb > 16_384) return usage(`${volumeGb} GB is more than the 16384 GB a volume may have.`);
    for (const key of ['flavor', 'volume-type', 'zone', 'image']) {
      const v = values.get(key);
      if (v !== undefined && !OS_NAME.test(v)) return usage(`\`--${key}\` \`${echo(v)}\` is not a valid OpenStack name.`);
    }
    const zone = values.get('zone');
    const image = values.get('image');
    return {
      type: 'operation',
      request: {
        kind: 'vm.create',
        v: 1,
        name: name!,
        flavor,
        volumeGb,
        volumeType: values.get('volume-type') ?? 'io1',
        ...(zone ? { zone } : {}),
        ...(image ? { image } : {}),
      },
    };
  },
};

export const vmSubcommands: Record<string, VmSubcommand> = {
  list,
  show: named('show', 'One server: Nova status, volumes, the Nomad node and its running allocations.', '/ci vm show alibuild07', {}, (name) => ({
    type: 'read',
    request: { kind: 'vm.show', v: 1, name: name! },
  })),
  reboot: named(
    'reboot',
    'Hard reboot (`openstack server reboot --hard`), then wait for ACTIVE and the Nomad node ready again.',
    '/ci vm reboot alibuild07',
    { hard: 'bool' },
    (name) => ({
      type: 'operation',
      request: { kind: 'vm.reboot', v: 1, name: name! },
    }),
    'existing',
  ),
  rebuild: named(
    'rebuild',
    'Reinstall from the image (`ai-rebuild-vm`); refused while an agent runs protected jobs, or while the other masters are unhealthy.',
    '/ci vm rebuild alibuild07',
    { image: 'value' },
    (name, values, usage) => {
      const image = values.get('image');
      if (image !== undefined && !OS_NAME.test(image)) return usage(`\`${echo(image)}\` is not a valid image name.`);
      return { type: 'operation', request: { kind: 'vm.rebuild', v: 1, name: name!, ...(image ? { image } : {}) } };
    },
    'existing',
  ),
  create,
  delete: named(
    'delete',
    'Delete the server and its attached volumes (`ai-kill` + the volumes); refused while Nomad runs allocations there.',
    '/ci vm delete alibuild13',
    {},
    (name) => ({
      type: 'operation',
      request: { kind: 'vm.delete', v: 1, name: name! },
    }),
    'existing',
  ),
};

const USAGE = `/ci vm <${Object.keys(vmSubcommands).join('|')}> …`;

export const vm: CommandModule = {
  name: 'vm',
  summary: `Build machines in OpenStack: ${Object.entries(vmSubcommands)
    .map(([n, s]) => `\`${n}\` (${s.summary.split(/[.:(]/)[0]!.trim()})`)
    .join('; ')}.`,
  usage: USAGE,
  examples: Object.values(vmSubcommands).map((s) => s.example),
  // A verb has one class: reboot/rebuild/create need `vm`; delete is approved as `destructive` (OPERATION_CLASS).
  // Per subcommand: list/show are read-only, the rest are checked against their operation's class after parsing.
  commandClass: 'read',
  needs: [],
  // The changes check their machine's name before anything is queued; list and show answer privately anyway.
  needsFor: ([first]) => (first !== undefined && ownEntry(vmSubcommands, first.toLowerCase())?.server ? ['servers'] : []),
  parse(args, ctx) {
    const [first, ...rest] = args;
    if (first === undefined)
      return {
        type: 'reply',
        error: true,
        text: `What should happen to which machine? Usage: \`${USAGE}\`   e.g. \`/ci vm list\`\n${Object.values(vmSubcommands)
          .map((s) => `• \`${s.usage}\``)
          .join('\n')}`,
      };
    const sub = ownEntry(vmSubcommands, first.toLowerCase());
    if (!sub) {
      const near = closest(first, Object.keys(vmSubcommands));
      const hint = near.length ? ` Did you mean ${orList(near.map((n) => `\`${n}\``))}?` : '';
      return { type: 'reply', error: true, text: `\`${echo(first)}\` is not something \`/ci vm\` does.${hint} Usage: \`${USAGE}\`` };
    }
    return parseSubcommand(sub, rest, ctx);
  },
};

/** Flags, the one name, its shape; then the subcommand builds the request. */
export function parseSubcommand(sub: VmSubcommand, args: readonly string[], ctx?: CommandContext): ParseResult {
  const usage = (problem: string): ParseResult => ({ type: 'reply', error: true, text: `${problem} Usage: \`${sub.usage}\`   e.g. \`${sub.example}\`` });
  const f = parseFlags(args, sub.flags);
  if (!f.ok) return usage(f.problem);
  if (f.positional.length > 1) return usage(`Too many words: \`${echo(f.positional.slice(1).join(' '))}\`.`);
  const name = f.positional[0];
  if (sub.takesName === 'required') {
    if (name === undefined) return usage('Which machine?');
    if (!NAME.test(name)) return usage(`\`${echo(name)}\` is not a machine name (letters, digits, ".", "_", "-").`);
    const known =
      sub.server === 'existing' ? unknownServer(name, ctx?.world.servers) : sub.server === 'new' ? existingServer(name, ctx?.world.servers) : undefined;
    if (known) return known;
  }
  return sub.build(name, f.values, usage);
}
