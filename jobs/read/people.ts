/** People in tables: `@alice` where the name is known, the Slack id otherwise. */
import type { JobDeps } from '../../src/ports.js';

export async function personLabels(deps: JobDeps, userIds: readonly (string | undefined)[]): Promise<(userId: string | undefined) => string> {
  const ids = userIds.filter((id): id is string => Boolean(id));
  const names = deps.people && ids.length ? await deps.people.names(ids).catch(() => new Map<string, string>()) : new Map<string, string>();
  return (id) => (id ? (names.has(id) ? `@${names.get(id)}` : id) : '');
}
