/**
 * `GET /v1/event/stream`: NDJSON, `{}` on connect and every heartbeat interval, then
 * `{"Index":N,"Events":[...]}` lines filtered by topic, key and namespace (nomad/stream).
 */
import type { SimRouter } from '../../http/server.js';
import { enforceAcl } from '../http/acl.js';
import { NomadHttpError } from '../http/errors.js';
import { sendError } from '../http/wire.js';
import type { NomadStreamEvent } from '../types.js';
import type { RouteContext } from './common.js';

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
  return topics.some(
    (t) => (t.topic === '*' || t.topic === e.Topic) && (t.key === '*' || t.key === e.Key || (e.FilterKeys ?? []).includes(t.key)),
  );
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
      const needsManagement = topics.some((t) => !['Node', 'Job', 'Allocation', 'Deployment', 'Evaluation', 'Service'].includes(t.topic));
      enforceAcl(ctx.acl, req, needsManagement ? 'management' : 'read');
    } catch (err) {
      return sendError(res, err);
    }
    const namespace = req.query.get('namespace') || 'default';
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
    res.write('{}\n');
    // Index 0 means "from now on"; otherwise resume at the first buffered batch >= index.
    let sent = from === 0 ? state.index : from - 1;
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
