/** Nova microversions (reference A3): `OpenStack-API-Version: compute 2.X` wins over the legacy header; none means 2.1. */
import type { IncomingHttpHeaders } from 'node:http';

export const MIN_COMPUTE = '2.1';
export const MAX_COMPUTE = '2.104';

export class Microversion {
  constructor(
    readonly major: number,
    readonly minor: number,
  ) {}

  atLeast(v: string): boolean {
    const [maj, min] = v.split('.').map(Number) as [number, number];
    return this.major > maj || (this.major === maj && this.minor >= min);
  }

  toString(): string {
    return `${this.major}.${this.minor}`;
  }
}

/** The requested version, or an error text for 406 when it is malformed or out of range. */
export function computeMicroversion(headers: IncomingHttpHeaders): Microversion | { error: string } {
  const modern = String(headers['openstack-api-version'] ?? '').match(/compute\s+(\S+)/i)?.[1];
  const legacy = headers['x-openstack-nova-api-version'];
  const raw = modern ?? (typeof legacy === 'string' ? legacy.trim() : undefined) ?? MIN_COMPUTE;
  const wanted = raw === 'latest' ? MAX_COMPUTE : raw;
  const m = /^(\d+)\.(\d+)$/.exec(wanted);
  if (!m) return { error: `Invalid format for API version ${raw}` };
  const v = new Microversion(Number(m[1]), Number(m[2]));
  if (!v.atLeast(MIN_COMPUTE) || v.atLeast('2.105') || v.major !== 2) {
    return { error: `Version ${wanted} is not supported by the API. Minimum is ${MIN_COMPUTE} and maximum is ${MAX_COMPUTE}.` };
  }
  return v;
}

export function microversionHeaders(v: Microversion): Record<string, string> {
  return {
    'openstack-api-version': `compute ${v}`,
    'x-openstack-nova-api-version': String(v),
    vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
  };
}
