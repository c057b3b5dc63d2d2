import type { ConsulClient, ConsulQueryOptions, ConsulQueryResult } from './client.js';
import { ConsulServiceEntryList, type ConsulServiceEntry } from './schemas.js';

/** /v1/health: service instances with their node and service checks. */
export class ConsulHealth {
  constructor(private readonly c: ConsulClient) {}

  /** Instances of `service` (e.g. "nomad", "vault"); `passing` keeps only healthy ones. */
  service(service: string, opts: ConsulQueryOptions & { passing?: boolean; tag?: string } = {}): Promise<ConsulQueryResult<ConsulServiceEntry[]>> {
    return this.c.query(`health/service/${encodeURIComponent(service)}`, ConsulServiceEntryList, `health of service ${service}`, {
      ...opts,
      params: { ...opts.params, passing: opts.passing ? 1 : undefined, tag: opts.tag },
    });
  }
}

/** The worst check status of one instance: "passing" only when every check passes. */
export function instanceStatus(entry: ConsulServiceEntry): 'passing' | 'warning' | 'critical' {
  const statuses = entry.Checks.map((c) => c.Status);
  if (statuses.some((s) => s === 'critical' || s === 'maintenance')) return 'critical';
  if (statuses.includes('warning')) return 'warning';
  return 'passing';
}
