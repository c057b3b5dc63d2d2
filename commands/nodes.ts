/** `/ci nodes [--class C] [--status S] [--datacenter D]`: the client nodes, problems first. */
import { NodeStatusFilter, type CommandModule, type ParseResult } from '../src/operations/index.js';
import { parseFlags } from './flags.js';
import { orList } from './suggest.js';
import { echo } from './tokenize.js';

const USAGE = '/ci nodes [<name>] [--class <class>] [--status <status>] [--datacenter <dc>]';
const usage = (problem: string): ParseResult => ({
  type: 'reply',
  error: true,
  text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci nodes --status down\``,
});
const LABEL = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export const nodes: CommandModule = {
  name: 'nodes',
  summary: "The client nodes: status, eligibility, drain, running allocations and Nomad's free disk; problems first. With a name, one node.",
  usage: USAGE,
  examples: ['/ci nodes', '/ci nodes --status down', '/ci nodes --class builder --datacenter cern-b', '/ci nodes alibuild05'],
  commandClass: 'read',
  needs: [],
  parse(args) {
    const f = parseFlags(args, { class: 'value', status: 'value', datacenter: 'value', dc: 'value' });
    if (!f.ok) return usage(f.problem);
    if (f.positional.length > 1) return usage(`Too many words: \`${echo(f.positional.slice(1).join(' '))}\`.`);
    const name = f.positional[0];
    if (name !== undefined) {
      if (f.values.size > 0) return usage('A node name and filters do not go together.');
      if (!LABEL.test(name)) return usage(`\`${echo(name)}\` is not a node name.`);
      return { type: 'read', request: { kind: 'nomad.node', v: 1, node: name } };
    }
    const status = f.values.get('status');
    if (status !== undefined && !NodeStatusFilter.safeParse(status).success) {
      return usage(`\`${echo(status)}\` is not a node status (${orList(NodeStatusFilter.options.map((o) => `\`${o}\``))}).`);
    }
    const nodeClass = f.values.get('class');
    const datacenter = f.values.get('datacenter') ?? f.values.get('dc');
    for (const v of [nodeClass, datacenter]) if (v !== undefined && !LABEL.test(v)) return usage(`\`${echo(v)}\` is not a class or datacenter name.`);
    return {
      type: 'read',
      request: {
        kind: 'nomad.nodes',
        v: 1,
        ...(nodeClass ? { nodeClass } : {}),
        ...(status ? { status: status as NodeStatusFilter } : {}),
        ...(datacenter ? { datacenter } : {}),
      },
    };
  },
};
