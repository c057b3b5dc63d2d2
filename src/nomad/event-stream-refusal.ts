/**
 * Recognising an event stream Nomad will not serve. Before 2.0 a token without the topics' ACL
 * gets a 403. From 2.0 the HTTP handler writes its 200 before the Event.Stream RPC checks the token
 * (command/agent/event_endpoint.go), so a refusal is a 200 and then a closed connection, with not
 * even the heartbeat a served stream sends at once. A few such closes in a row are taken for one.
 */
import { HttpApiError } from '../errors.js';

/** Empty closes in a row before the stream counts as refused (one can be a server restarting). */
export const EMPTY_CLOSES_FOR_REFUSAL = 3;

export class EventStreamClosedEmptyError extends Error {
  constructor() {
    super('Nomad answered the event stream and closed it before sending anything, not even a heartbeat');
    this.name = 'EventStreamClosedEmptyError';
  }
}

/** What the token needs for these topics (acl-policy docs: Node → node read; job topics → read-job in the namespace). */
export function streamAclNeeds(topics: readonly string[], namespace: string): string {
  const needs: string[] = [];
  if (topics.some((t) => t.split(':')[0] === 'Node')) needs.push('node { policy = "read" }');
  if (topics.some((t) => ['Job', 'Allocation', 'Evaluation', 'Deployment', 'Service'].includes(t.split(':')[0] ?? '')))
    needs.push(`read-job in namespace ${namespace}`);
  return needs.join(' and ') || 'a management token (all topics)';
}

/** Follows connection outcomes and says when the stream is refused, and when it is served again. */
export class RefusalTracker {
  private emptyCloses = 0;
  private refused: string | undefined;

  constructor(
    private readonly needs: string,
    private readonly onChange: (problem: string | undefined) => void,
  ) {}

  /** A connection ended with `err` (or closed cleanly, `undefined`) after `lines` lines. */
  ended(err: unknown, lines: number): void {
    if (lines > 0) return;
    if (err instanceof HttpApiError && err.status === 403)
      return this.set(`Nomad refuses the event stream (HTTP 403: ${err.body || 'Permission denied'}); the bot's token needs ${this.needs}`);
    if (!(err instanceof EventStreamClosedEmptyError)) return;
    this.emptyCloses += 1;
    if (this.emptyCloses >= EMPTY_CLOSES_FOR_REFUSAL) {
      this.set(
        `Nomad keeps closing the event stream before sending anything, not even a heartbeat: since Nomad 2.0 that is how it refuses a token; the bot's token needs ${this.needs}`,
      );
    }
  }

  /** A line arrived: the stream is served. */
  served(): void {
    this.emptyCloses = 0;
    this.set(undefined);
  }

  private set(problem: string | undefined): void {
    if (problem === this.refused) return;
    this.refused = problem;
    this.onChange(problem);
  }
}
