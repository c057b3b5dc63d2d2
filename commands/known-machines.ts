/**
 * Names of machines checked against the world before anything is queued: a node or server that
 * does not exist gets a private answer with the nearest names, instead of a plan that fails in the
 * channel. Without the list (not fetched, OpenStack not configured) the job checks instead.
 */
import type { KnownNode, ParseResult } from '../src/operations/index.js';
import { nearest, orList } from './suggest.js';
import { echo } from './tokenize.js';

const short = (name: string) => name.toLowerCase().replace(/\..*$/, '');

/** As the node jobs find them: the name with or without its domain, or the start of the ID. */
export function unknownNode(typed: string, nodes: readonly KnownNode[] | undefined): ParseResult | undefined {
  if (!nodes) return undefined;
  const wanted = typed.toLowerCase();
  if (nodes.some((n) => n.name.toLowerCase() === wanted || short(n.name) === short(wanted))) return undefined;
  if (/^[0-9a-f-]{2,36}$/.test(wanted) && nodes.some((n) => n.id.startsWith(wanted))) return undefined;
  const near = nearest(
    typed.replace(/\..*$/, ''),
    nodes.map((n) => n.name.replace(/\..*$/, '')),
  );
  const hint = near.length ? ` Did you mean ${orList(near)}?` : '';
  return { type: 'reply', error: true, text: `No node called \`${echo(typed)}\`.${hint} \`/ci nodes\` lists them. Nothing was queued.` };
}

/** OpenStack names are exact, as the VM jobs find them. */
export function unknownServer(typed: string, servers: readonly string[] | undefined): ParseResult | undefined {
  if (!servers || servers.includes(typed)) return undefined;
  const near = nearest(typed, servers);
  const hint = near.length ? ` Did you mean ${orList(near)}?` : '';
  return { type: 'reply', error: true, text: `No server called \`${echo(typed)}\` in OpenStack.${hint} \`/ci vm list\` shows them. Nothing was queued.` };
}

/** `/ci vm create` of a name that exists already. */
export function existingServer(typed: string, servers: readonly string[] | undefined): ParseResult | undefined {
  if (!servers?.includes(typed)) return undefined;
  return {
    type: 'reply',
    error: true,
    text: `A server called \`${echo(typed)}\` exists already: pick another name, or \`/ci vm rebuild ${echo(typed)}\` to reinstall it. Nothing was queued.`,
  };
}
