/**
 * views.publish: the App Home tab, one view per user (latest wins).
 */
import { z } from 'zod';
import { SlackApiFailure } from '../api-failure.js';
import type { ApiMethod } from '../context.js';
import { jsonArg, parseArgs } from '../request-args.js';
import type { PublishedView } from '../types.js';
import { isObject, validateBlocks, viewBlockLimits } from '../validate-blocks.js';

const ViewsPublishArgs = z.looseObject({ user_id: z.string(), view: z.unknown() });

export const viewsPublish: ApiMethod = (ctx, raw) => {
  const args = parseArgs(ViewsPublishArgs, raw);
  const view = jsonArg(args.view, 'invalid_arguments');
  if (!isObject(view) || view['type'] !== 'home') throw new SlackApiFailure('invalid_arguments', ['[ERROR] view.type must be home']);
  if (!ctx.store.user(args.user_id)) throw new SlackApiFailure('user_not_found');
  const blocks = validateBlocks(view['blocks'] ?? [], viewBlockLimits) ?? [];
  const previous = ctx.store.views.get(args.user_id);
  const published: PublishedView = {
    id: previous?.id ?? `V${ctx.nextId().toUpperCase()}`,
    user_id: args.user_id,
    view: { ...view, blocks },
    hash: `${Math.floor(ctx.now() / 1000)}.${ctx.nextId()}`,
  };
  ctx.store.views.set(args.user_id, published);
  ctx.events.emit('view', published);
  return { view: { id: published.id, team_id: ctx.identity.teamId, app_id: ctx.identity.appId, hash: published.hash, ...published.view } };
};
