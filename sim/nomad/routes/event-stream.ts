/**
 * `GET /v1/event/stream`: NDJSON, `{}` on connect and every heartbeat interval, then
 * `{"Index":N,"Events":[...]}` lines filtered by topic, key and namespace (nomad/stream).
 */
import type { ServerResponse } from 'node:http';
import type { SimRouter } from '../../http/server.js';
import { enforceAcl } from '../http/acl.js';
import { NomadHttpError } from '../http/errors.js';
import { sendError } from '../http/wire.js';
import type { NomadStreamEvent } from '../types.js';
import type { RouteContext } from './common.js';
import { atLeast, STREAM_200_BEFORE_ACL_FROM } from '../version.js';

interface TopicFilter {
  topic: string;
  key: string;
}

function parseTopics(values: string[]): TopicFilter[] {
  if (values.length === 0) return [{ topic: '*', key: '*' }];
  return values.map((v) => {
    const parts = v.split(':');
    if (parts.length > 2) throw new NomadHttpError(400, `Invalid topic query: ${v}`);
    return { topic: parts[0] ?? '*', key: parts[1] ?? '*' };
  });
}

function wanted(e: NomadStreamEvent, topics: TopicFilter[], namespace: string): boolean {
  if (e.Namespace !== '' && namespace !== '*' && e.Namespace !== namespace) return false;
  return topics.some((t) => (t.topic === '*' || t.topic === e.Topic) && (t.key === '*' || t.key === e.Key || (e.FilterKeys ?? []).includes(t.key)));
}

/**
 * The handler hijacks the connection and writes a 200 with no length (Go's Response.Write then
 * adds `Connection: close`): the body is raw NDJSON until the connection closes, not chunked.
 */
function streamHeaders(res: ServerResponse): void {
  res.useChunkedEncodingByDefault = false;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache', connection: 'close' });
}

export function eventStreamRoutes(router: SimRouter, ctx: RouteContext): void {
  const { core } = ctx;
  const { state } = core;
  router.on('GET', '/v1/event/stream', (req, res) => {
    let topics: TopicFilter[];
    let from = 0;
    try {
      const indexText = req.query.get('index');
      if (indexText !== null) {
        if (!/^\d+$/.test(indexText)) throw new NomadHttpError(400, `Unable to parse index: strconv.ParseUint: parsing "${indexText}": invalid syntax`);
        from = Number(indexText);
      }
      topics = parseTopics(req.query.getAll('topic'));
    } catch (err) {
      return sendError(res, err);
    }
    const needsManagement = topics.some((t) => !['Node', 'Job', 'Allocation', 'Deployment', 'Evaluation', 'Service'].includes(t.topic));
    try {
      enforceAcl(ctx.acl, req, needsManagement ? 'management' : 'read');
    } catch (err) {
      if (!atLeast(ctx.serverVersion, STREAM_200_BEFORE_ACL_FROM)) return sendError(res, err);
      // 2.0: the headers are out before the RPC refuses the token; then the connection just closes.
      streamHeaders(res);
      res.end();
      return;
    }
    const namespace = req.query.get('namespace') || 'default';
    streamHeaders(res);
    res.write('{}\n');
    // nomad/stream/event_broker.go Subscribe: index 0 starts at the buffer's head, so a new
    // subscriber first gets every buffered batch; otherwise at the closest buffered batch >= index.
    let sent = from === 0 ? 0 : from - 1;
    const flush = () => {
      for (const batch of state.eventLog) {
        if (batch.Index <= sent) continue;
        sent = batch.Index;
        const events = batch.Events.filter((e) => wanted(e, topics, namespace));
        if (events.length > 0) res.write(`${JSON.stringify({ Index: batch.Index, Events: events })}\n`);
      }
      sent = Math.max(sent, state.index);
    };
    flush();
    const unsubscribe = state.onCommit(flush);
    const heartbeat = setInterval(() => res.write('{}\n'), core.timing.eventHeartbeatMs);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
