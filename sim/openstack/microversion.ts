/**
 * Nova microversions exactly as Nova reads them (nova/api/openstack/wsgi.py `Request.set_api_version_request`
 * with microversion_parse, api_version_request.py `APIVersionRequest`):
 * - `OpenStack-API-Version: compute X.Y` wins over the legacy `X-OpenStack-Nova-API-Version`; none means 2.1;
 *   `latest` means the maximum;
 * - a version not of the form `^([1-9]\d*)\.([1-9]\d*|0)$` (`2`, `2.01`, `v2.1`) raises InvalidAPIVersionString,
 *   answered **400** badRequest;
 * - a well-formed version outside [min, max] raises InvalidGlobalAPIVersion, answered **406**.
 */
import type { IncomingHttpHeaders } from 'node:http';

export const MIN_COMPUTE = '2.1';
/** The maximum of Nova 2025.2 (Flamingo); a simulated older cloud sets its own (`computeMaxVersion`). */
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

const FORMAT = /^([1-9]\d*)\.([1-9]\d*|0)$/;

export type MicroversionRefusal = { status: 400 | 406; error: string };

/** The requested version, or Nova's refusal. */
export function computeMicroversion(headers: IncomingHttpHeaders, max = MAX_COMPUTE): Microversion | MicroversionRefusal {
  const modern = String(headers['openstack-api-version'] ?? '')
    .match(/(?:^|,)\s*compute\s+([^,]*)/i)?.[1]
    ?.trim();
  const legacy = headers['x-openstack-nova-api-version'];
  const raw = modern ?? (typeof legacy === 'string' ? legacy.trim() : undefined);
  if (raw === undefined) return new Microversion(2, 1);
  const wanted = raw === 'latest' ? max : raw;
  const m = FORMAT.exec(wanted);
  if (!m) return { status: 400, error: `API Version String ${raw} is of invalid format. Must be of format MajorNum.MinorNum.` };
  const v = new Microversion(Number(m[1]), Number(m[2]));
  if (!v.atLeast(MIN_COMPUTE) || (v.atLeast(max) && v.toString() !== max) || v.major !== 2) {
    return { status: 406, error: `Version ${wanted} is not supported by the API. Minimum is ${MIN_COMPUTE} and maximum is ${max}.` };
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
