/**
 * The OpenStack client: `createOpenStackClient(loadOpenStackConfig({env, cwd, home}))` gives
 * `servers`, `flavors`, `images` and `volumes`, all sharing one Keystone session.
 */
import type { Dispatcher } from 'undici';
import { createDispatcher } from '../http/tls.js';
import { JsonHttpClient } from '../http/json-client.js';
import type { Redactor } from '../redact.js';
import { KeystoneSession } from './auth.js';
import type { OpenStackConfig } from './config.js';
import { NovaFlavors } from './flavors.js';
import { GlanceImages } from './images.js';
import { NovaServers } from './servers.js';
import { OpenStackTransport, type OpenStackService } from './transport.js';
import { CinderVolumes } from './volumes.js';

export interface OpenStackClientOptions {
  /** Re-authenticate when fewer than this many ms of token life remain (default 120 000). */
  reauthMarginMs?: number;
  /** Use this undici dispatcher instead of one built from the config's TLS settings. */
  dispatcher?: Dispatcher;
  /** The bot's secrets: the credentials and every token Keystone issues join them. */
  redactor?: Redactor;
}

export interface OpenStack {
  config: OpenStackConfig;
  servers: NovaServers;
  flavors: NovaFlavors;
  images: GlanceImages;
  volumes: CinderVolumes;
  session: KeystoneSession;
  /** The catalog URL used for a service, e.g. to show which cloud is being talked to. */
  endpoint(service: OpenStackService): Promise<string>;
  close(): Promise<void>;
}

export function createOpenStackClient(config: OpenStackConfig, opts: OpenStackClientOptions = {}): OpenStack {
  const dispatcher =
    opts.dispatcher ??
    createDispatcher({
      caCert: config.tls.caCert,
      clientCert: config.tls.clientCert,
      clientKey: config.tls.clientKey,
      skipVerify: config.tls.skipVerify,
    });
  const http = new JsonHttpClient('openstack', dispatcher, undefined, undefined, opts.redactor);
  const session = new KeystoneSession(http, config, opts.reauthMarginMs === undefined ? {} : { reauthMarginMs: opts.reauthMarginMs });
  const transport = new OpenStackTransport(http, session, { interface: config.interface, regionName: config.regionName }, config.computeMicroversion);
  return {
    config,
    session,
    servers: new NovaServers(transport),
    flavors: new NovaFlavors(transport),
    images: new GlanceImages(transport),
    volumes: new CinderVolumes(transport),
    endpoint: (service) => transport.endpoint(service),
    close: async () => {
      if (!opts.dispatcher) await dispatcher.close();
    },
  };
}

export { loadOpenStackConfig, OpenStackConfig, type LoadOptions } from './config.js';
export { selectEndpoint, SERVICE_TYPE_ALIASES, type EndpointChoice } from './catalog.js';
export {
  OpenStackApiError,
  OpenStackAuthError,
  OpenStackBadRequestError,
  OpenStackConflictError,
  OpenStackForbiddenError,
  OpenStackNotFoundError,
  OpenStackQuotaError,
} from './errors.js';
export { novaStatus, isSettled, describeServerState } from './server-status.js';
export type { NovaServers, ServerCreateRequest, BlockDeviceMapping, ServerFilter } from './servers.js';
export type { CinderVolumes, VolumeCreateRequest } from './volumes.js';
export type { NovaFlavors } from './flavors.js';
export type { GlanceImages, ImageFilter } from './images.js';
export type { WaitOptions } from './wait.js';
export type { NovaServer, NovaFlavor, NovaVolumeAttachment } from './schemas/nova.js';
export type { CinderVolume } from './schemas/cinder.js';
export type { GlanceImage } from './schemas/glance.js';
