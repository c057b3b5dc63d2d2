/**
 * Learns people's names from what Slack sends with every slash command (`user_name`) and button
 * click (`user.username`, else `user.name`), for tables that cannot render a mention.
 */
import type { App } from '@slack/bolt';
import { z } from 'zod';

const SlashBody = z.object({ user_id: z.string(), user_name: z.string().optional() });
const ActionBody = z.object({ user: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }) });

export interface NameSink {
  remember(userId: string, name: string | undefined): Promise<void>;
}

/** The person and name a request body carries, if it carries one. */
export function personOf(body: unknown): { userId: string; name: string } | undefined {
  const slash = SlashBody.safeParse(body);
  if (slash.success && slash.data.user_name) return { userId: slash.data.user_id, name: slash.data.user_name };
  const action = ActionBody.safeParse(body);
  const name = action.success ? (action.data.user.username ?? action.data.user.name) : undefined;
  return action.success && name ? { userId: action.data.user.id, name } : undefined;
}

export function registerPeopleNames(app: App, names: NameSink): void {
  app.use(async ({ body, next }) => {
    const person = personOf(body);
    // Not awaited: the 3-second acknowledgement does not wait for Redis (remember never throws).
    if (person) void names.remember(person.userId, person.name);
    await next();
  });
}
