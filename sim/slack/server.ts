/**
 * The Slack simulator: Web API, file uploads and response_url endpoints on one local HTTP server.
 * Point Bolt at it with `clientOptions: { slackApiUrl: sim.apiUrl }`.
 */
import { EventEmitter } from 'node:events';
import { startSimServer, SimRouter } from '../http/server.js';
import { idGenerator } from './block-ids.js';
import { defaultIdentity, type SimContext, type SlackIdentity } from './context.js';
import { FaultPlan, type SlackSimControls } from './faults.js';
import { receiveUpload } from './methods/files.js';
import { ChannelRateLimiter, type PostMessageRateLimit } from './rate-limit.js';
import { defaultResponseUrlLimits, ResponseUrls, type ResponseUrlLimits } from './response-urls.js';
import { defaultChannels, defaultUsergroups, defaultUsers, SlackStore } from './store.js';
import type { SlackChannel, SlackUser, SlackUsergroup } from './types.js';
import { SocketModeLink } from './socket-mode.js';
import { handleWebApi, type SlackSimStats } from './web-api.js';

export interface SlackSimOptions {
  /** Accepted as `Authorization: Bearer <botToken>` or form field `token`. */
  botToken: string;
  channels?: SlackChannel[];
  users?: SlackUser[];
  usergroups?: SlackUsergroup[];
  /** Absent: unlimited. Present: chat.postMessage answers 429 when a channel's bucket is empty. */
  rateLimit?: PostMessageRateLimit;
  port?: number;
  /** Workspace and bot identity (defaults: team T0ALICE, bot user U0CIBOT, bot B0CIBOT). */
  identity?: Partial<SlackIdentity>;
  /** Clock in epoch milliseconds (response_url expiry, rate limit, message ts). Default Date.now. */
  now?: () => number;
  responseUrlLimits?: Partial<ResponseUrlLimits>;
  /**
   * The slash command's `should_escape` (default true, as slack-manifest.yaml sets it): users,
   * channels and links in the command text arrive as `<@U…|name>`, `<#C…|name>`, `<http://…|…>`.
   */
  shouldEscape?: boolean;
  /** With an app-level token (`xapp-…`) the simulator also speaks Socket Mode (`apps.connections.open`, WebSocket). */
  appToken?: string;
  /** Socket Mode's acknowledgement window (Slack: 3 s). */
  ackTimeoutMs?: number;
}

/** Events: 'message', 'update', 'ephemeral', 'file', 'delete', 'view', each with the stored object. */
export interface SlackSim {
  url: string;
  /** `${url}/api/`, for WebClient's `slackApiUrl`. */
  apiUrl: string;
  store: SlackStore;
  events: EventEmitter;
  identity: SlackIdentity;
  /** The slash command's `should_escape`, which the driver applies to what a person types. */
  shouldEscape: boolean;
  /** Present when started with an `appToken`: envelopes to the app's WebSocket connections. */
  socketMode?: SocketModeLink;
  controls: SlackSimControls;
  stats: SlackSimStats;
  /** A response_url bound to a channel and user, and to a message when a click produced it. */
  newResponseUrl(channelId: string, userId: string, messageTs?: string, opts?: { ephemeral?: boolean }): string;
  close(): Promise<void>;
}

export async function startSlackSim(opts: SlackSimOptions): Promise<SlackSim> {
  const now = opts.now ?? Date.now;
  const router = new SimRouter();
  const server = await startSimServer(router, opts.port !== undefined ? { port: opts.port } : {});
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const store = new SlackStore(
    {
      channels: opts.channels ?? defaultChannels,
      users: opts.users ?? defaultUsers,
      usergroups: opts.usergroups ?? defaultUsergroups,
    },
    now,
  );
  const identity = { ...defaultIdentity, ...opts.identity };
  const ctx: SimContext = { url: server.url, store, events, identity, now, nextId: idGenerator() };
  const faults = new FaultPlan();
  const stats: SlackSimStats = { calls: {}, rateLimited: 0 };
  const limiter = opts.rateLimit ? new ChannelRateLimiter(opts.rateLimit, now) : undefined;
  const responseUrls = new ResponseUrls(ctx, { ...defaultResponseUrlLimits, ...opts.responseUrlLimits });
  const socketMode = opts.appToken
    ? new SocketModeLink(server.url, identity, { appToken: opts.appToken, ...(opts.ackTimeoutMs ? { ackTimeoutMs: opts.ackTimeoutMs } : {}) })
    : undefined;
  socketMode?.attach(server.server);
  const deps = { ctx, botToken: opts.botToken, faults, limiter, stats, socketMode };

  router
    .on(['GET', 'POST'], '/api/:method', (req, res) => handleWebApi(deps, req, res))
    .on(['POST', 'PUT'], '/upload/v1/:id', (req, res) => receiveUpload(ctx, req, res))
    .on('POST', '/response/*id', (req, res) => responseUrls.handle(req, res));

  return {
    url: server.url,
    apiUrl: `${server.url}/api/`,
    store,
    events,
    identity,
    shouldEscape: opts.shouldEscape ?? true,
    ...(socketMode ? { socketMode } : {}),
    controls: faults,
    stats,
    newResponseUrl: (channelId, userId, messageTs, o) => responseUrls.issue(channelId, userId, messageTs, o?.ephemeral ?? false),
    close: async () => {
      await socketMode?.close();
      await server.close();
    },
  };
}
