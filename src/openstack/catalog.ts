/**
 * Picking an endpoint from the token's service catalog the way keystoneauth does
 * (`access/service_catalog.py::get_endpoints_data`): type with os-service-types aliases, interface, region.
 */
import { CodedError, ErrorCode } from '../errors.js';
import type { OpenStackInterface } from './config.js';
import type { KeystoneService } from './schemas/keystone.js';

/** From os-service-types `service-types.json`; the order matters (volumev3 beats volumev2). */
export const SERVICE_TYPE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'block-storage': ['volumev3', 'volumev2', 'volume', 'block-store'],
  compute: [],
  image: [],
  identity: [],
};

export interface EndpointChoice {
  serviceType: string;
  interface: string;
  region: string | undefined;
  url: string;
}

export interface EndpointFilter {
  /** One interface, or several in order of preference. */
  interface: OpenStackInterface | readonly OpenStackInterface[];
  regionName?: string | undefined;
}

/** The exact type wins over aliases, aliases in listed order; within a type, the first interface that matches. */
export function selectEndpoint(catalog: readonly KeystoneService[], serviceType: string, filter: EndpointFilter): EndpointChoice {
  const types = [serviceType, ...(SERVICE_TYPE_ALIASES[serviceType] ?? [])];
  const interfaces = typeof filter.interface === 'string' ? [filter.interface] : filter.interface;
  for (const type of types) {
    for (const iface of interfaces) {
      for (const service of catalog.filter((s) => s.type === type)) {
        const ep = service.endpoints.find(
          (e) => e.interface === iface && e.url !== '' && (!filter.regionName || (e.region_id ?? e.region) === filter.regionName),
        );
        if (ep) return { serviceType: type, interface: iface, region: ep.region_id ?? ep.region ?? undefined, url: ep.url };
      }
    }
  }
  const offered = catalog.flatMap((s) => s.endpoints.map((e) => `${s.type}/${e.interface}/${e.region_id ?? e.region ?? '-'}`)).join(', ');
  throw new CodedError(
    ErrorCode.ConfigInvalid,
    `OpenStack catalog has no ${types.join(' or ')} endpoint for interface ${interfaces.join('/')}` +
      `${filter.regionName ? ` in region ${filter.regionName}` : ''} (offered: ${offered || 'nothing'})`,
  );
}

/**
 * Cinder serves v3 next to v2/v1 on the same host; an alias hit on an old `volumev2`/`volume`
 * entry (`.../v2/<project_id>`) is turned into the v3 URL instead of doing version discovery.
 */
export function cinderV3Url(url: string): string {
  return url.replace(/\/v[12](\/[^/]+)?\/?$/, (_m, project: string | undefined) => `/v3${project ?? ''}`);
}
