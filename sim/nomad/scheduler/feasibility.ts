/**
 * Constraint checking as Nomad's feasibility checkers do it: `${attr.*}`, `${meta.*}`,
 * `${node.*}` interpolation and the constraint operators, with the text Nomad uses as the
 * `ConstraintFiltered` key (`"${attr.kernel.name} = linux"`).
 */
import type { NomadConstraint, NomadNode, NomadTaskGroup } from '../types.js';

/** `Constraint.String()`: "LTarget Operand RTarget". */
export const constraintText = (c: NomadConstraint): string => `${c.LTarget ?? ''} ${c.Operand ?? '='} ${c.RTarget ?? ''}`;

function resolveTarget(target: string, node: NomadNode): string | undefined {
  if (!target.startsWith('${')) return target;
  const key = target.slice(2, -1);
  if (key.startsWith('attr.')) return node.Attributes[key.slice(5)];
  if (key.startsWith('meta.')) return node.Meta[key.slice(5)];
  switch (key) {
    case 'node.unique.id':
      return node.ID;
    case 'node.unique.name':
      return node.Name;
    case 'node.datacenter':
      return node.Datacenter;
    case 'node.class':
      return node.NodeClass;
    case 'node.pool':
      return node.NodePool;
    default:
      return undefined;
  }
}

function compareOrdered(l: string, r: string): number {
  const ln = Number(l);
  const rn = Number(r);
  if (l !== '' && r !== '' && !Number.isNaN(ln) && !Number.isNaN(rn)) return ln - rn;
  return l < r ? -1 : l > r ? 1 : 0;
}

const setOf = (s: string) =>
  new Set(
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  );

/** Whether `node` satisfies constraint `c` (distinct_hosts is checked by the selector, not here). */
export function satisfies(c: NomadConstraint, node: NomadNode): boolean {
  const op = c.Operand ?? '=';
  const l = resolveTarget(c.LTarget ?? '', node);
  const r = resolveTarget(c.RTarget ?? '', node);
  switch (op) {
    case '=':
    case '==':
    case 'is':
      return l !== undefined && r !== undefined && l === r;
    case '!=':
    case 'not':
      return l !== r;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (l === undefined || r === undefined) return false;
      const d = compareOrdered(l, r);
      return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
    }
    case 'regexp':
      return l !== undefined && r !== undefined && safeRegex(r)?.test(l) === true;
    case 'set_contains':
    case 'set_contains_all': {
      if (l === undefined || r === undefined) return false;
      const have = setOf(l);
      return [...setOf(r)].every((x) => have.has(x));
    }
    case 'set_contains_any': {
      if (l === undefined || r === undefined) return false;
      const have = setOf(l);
      return [...setOf(r)].some((x) => have.has(x));
    }
    case 'is_set':
      return l !== undefined;
    case 'is_not_set':
      return l === undefined;
    case 'distinct_hosts':
    case 'distinct_property':
      return true;
    default:
      return false;
  }
}

function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

function hasDriver(node: NomadNode, driver: string): boolean {
  const info = node.Drivers[driver];
  if (info) return info.Detected && info.Healthy;
  return node.Attributes[`driver.${driver}`] !== undefined;
}

/**
 * The first reason `node` is infeasible for `tg`, as the ConstraintFiltered key, in Nomad's
 * checker order: job constraints, task drivers ("missing drivers"), group then task constraints.
 */
export function infeasibleReason(jobConstraints: NomadConstraint[], tg: NomadTaskGroup, node: NomadNode): string | undefined {
  for (const c of jobConstraints) if (!satisfies(c, node)) return constraintText(c);
  for (const t of tg.Tasks) if (!hasDriver(node, t.Driver)) return 'missing drivers';
  for (const c of tg.Constraints ?? []) if (!satisfies(c, node)) return constraintText(c);
  for (const t of tg.Tasks) for (const c of t.Constraints ?? []) if (!satisfies(c, node)) return constraintText(c);
  return undefined;
}

/** Whether the job or group asks for distinct hosts. */
export function wantsDistinctHosts(jobConstraints: NomadConstraint[], tg: NomadTaskGroup): boolean {
  return [...jobConstraints, ...(tg.Constraints ?? [])].some((c) => c.Operand === 'distinct_hosts');
}
