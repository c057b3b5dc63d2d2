/**
 * Every call to Nova, Cinder and Glance goes through here: endpoint from the catalog, `X-Auth-Token`,
 * the Nova microversion headers, one retry with a fresh token on 401, and OpenStack errors.
 */
import type { z } from 'zod';
import { HttpApiError } from '../errors.js';
import { parseJson, type HttpCall, type HttpReply, type JsonHttpClient } from '../http/json-client.js';
import type { KeystoneSession } from './auth.js';
import { cinderV3Url, selectEndpoint, type EndpointFilter } from './catalog.js';
import { OpenStackApiError, openStackError } from './errors.js';

export type OpenStackService = 'compute' | 'block-storage' | 'image';

export interface OpenStackCall {
  method: HttpCall['method'];
  /** Relative to the service endpoint, e.g. `/servers/detail`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  expect?: readonly number[];
  signal?: AbortSignal;
}

/** Nova microversion used unless the config says otherwise: Train's 2.79 (networks required, embedded flavor). */
export const DEFAULT_COMPUTE_MICROVERSION = '2.79';

export class OpenStackTransport {
  constructor(
    private readonly http: JsonHttpClient,
    readonly session: KeystoneSession,
    private readonly filter: EndpointFilter,
    readonly computeMicroversion: string = DEFAULT_COMPUTE_MICROVERSION,
  ) {}

  /** The endpoint URL the catalog gives for a service (authenticates if needed). */
  async endpoint(service: OpenStackService): Promise<string> {
    const auth = await this.session.authenticate();
    return this.endpointFrom(auth.catalog, service);
  }

  async send(service: OpenStackService, call: OpenStackCall): Promise<HttpReply> {
    try {
      return await this.attempt(service, call, true);
    } catch (err) {
      if (err instanceof OpenStackApiError || !(err instanceof HttpApiError)) throw err;
      throw openStackError(err.method, err.url, err.status, err.body);
    }
  }

  async json<S extends z.ZodType>(service: OpenStackService, call: OpenStackCall, schema: S, what: string): Promise<z.infer<S>> {
    const reply = await this.send(service, call);
    return parseJson('openstack', reply.text, schema, what);
  }

  private async attempt(service: OpenStackService, call: OpenStackCall, mayRetry: boolean): Promise<HttpReply> {
    const auth = await this.session.authenticate();
    const url = new URL(`${this.endpointFrom(auth.catalog, service).replace(/\/+$/, '')}${call.path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { 'x-auth-token': auth.token };
    if (service === 'compute') {
      headers['openstack-api-version'] = `compute ${this.computeMicroversion}`;
      headers['x-openstack-nova-api-version'] = this.computeMicroversion;
    }
    const expect = [...(call.expect ?? [200, 201, 202, 204]), ...(mayRetry ? [401] : [])];
    const reply = await this.http.send({ method: call.method, url: url.toString(), headers, body: call.body, expect, signal: call.signal });
    if (reply.status === 401 && mayRetry) {
      this.session.invalidate(auth.token);
      return this.attempt(service, call, false);
    }
    return reply;
  }

  private endpointFrom(catalog: Parameters<typeof selectEndpoint>[0], service: OpenStackService): string {
    const url = selectEndpoint(catalog, service, this.filter).url;
    return service === 'block-storage' ? cinderV3Url(url) : url;
  }
}

/** Nova and Cinder page with `marker`: read it back from a `rel: next` link. */
export function nextMarker(links: readonly { rel: string; href: string }[] | undefined): string | undefined {
  const next = links?.find((l) => l.rel === 'next');
  return next ? (new URL(next.href, 'http://x').searchParams.get('marker') ?? undefined) : undefined;
}
