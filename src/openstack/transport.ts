/**
 * Every call to Nova, Cinder and Glance goes through here: endpoint from the catalog, `X-Auth-Token`,
 * the Nova microversion headers, one retry with a fresh token on 401, and OpenStack errors.
 */
import type { z } from 'zod';
import { HttpApiError } from '../errors.js';
import { parseJson, type HttpCall, type HttpReply, type JsonHttpClient } from '../http/json-client.js';
import type { KeystoneSession } from './auth.js';

type KeystoneAuth = Awaited<ReturnType<KeystoneSession['authenticate']>>;
import { cinderV3Url, selectEndpoint, type EndpointFilter } from './catalog.js';
import { OpenStackApiError, openStackError } from './errors.js';
import { checkNeed, negotiated, versionDocumentUrls, type MicroversionNeed } from './microversion.js';
import { NovaVersionList, NovaVersionShow } from './schemas/nova.js';
import type { Redactor } from '../redact.js';

export type OpenStackService = 'compute' | 'block-storage' | 'image';

export interface OpenStackCall {
  method: HttpCall['method'];
  /** Relative to the service endpoint, e.g. `/servers/detail`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  expect?: readonly number[];
  signal?: AbortSignal;
  /** A compute call that needs at least this microversion (refused before sending when older is spoken). */
  needs?: MicroversionNeed;
}

export class OpenStackTransport {
  constructor(
    private readonly http: JsonHttpClient,
    readonly session: KeystoneSession,
    private readonly filter: EndpointFilter,
    /** Configured explicitly; otherwise negotiated from the version document, once. */
    private readonly explicitMicroversion?: string,
  ) {}

  /** The bot's secrets (a new server's admin password joins them). */
  get redactor(): Redactor {
    return this.http.redactor;
  }

  private negotiation: Promise<string> | undefined;

  /** The compute microversion spoken: the configured one, or min(preferred, the cloud's maximum). */
  computeMicroversion(auth: KeystoneAuth): Promise<string> {
    if (this.explicitMicroversion) return Promise.resolve(this.explicitMicroversion);
    this.negotiation ??= this.readComputeVersions(auth).catch((err: unknown) => {
      this.negotiation = undefined; // a failed read is tried again by the next call
      throw err;
    });
    return this.negotiation;
  }

  private async readComputeVersions(auth: KeystoneAuth): Promise<string> {
    const headers = { 'x-auth-token': auth.token };
    const [versioned, root] = versionDocumentUrls(this.endpointFrom(auth.catalog, 'compute'));
    const one = await this.http.send({ method: 'GET', url: versioned!, headers, expect: [200, 300, 404] });
    if (one.status !== 404 || !root) {
      const { version } = parseJson('openstack', one.text, NovaVersionShow, 'compute version document');
      return negotiated({ min: version.min_version, max: version.version });
    }
    const all = await this.http.send({ method: 'GET', url: root, headers, expect: [200, 300] });
    const v21 = parseJson('openstack', all.text, NovaVersionList, 'compute versions').versions.find((v) => v.id === 'v2.1');
    return negotiated({ min: v21?.min_version ?? '', max: v21?.version ?? '' });
  }

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
      const version = await this.computeMicroversion(auth);
      checkNeed(version, call.needs, this.explicitMicroversion !== undefined);
      headers['openstack-api-version'] = `compute ${version}`;
      headers['x-openstack-nova-api-version'] = version;
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
