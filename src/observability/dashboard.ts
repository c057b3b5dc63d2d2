/**
 * bull-board, the maintained BullMQ UI, as a plain Node request handler under `/admin/queues`.
 * Loaded only when `observability.dashboard` is on, so Express is never started otherwise.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Queue } from 'bullmq';

export const DASHBOARD_PATH = '/admin/queues';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export async function createQueueDashboard(queues: readonly Queue[]): Promise<RequestHandler> {
  const { createBullBoard } = await import('@bull-board/api');
  const { BullMQAdapter } = await import('@bull-board/api/bullMQAdapter');
  const { ExpressAdapter } = await import('@bull-board/express');
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter: adapter });
  const app = adapter.getRouter() as (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  return (req, res) => {
    // Mounted like `app.use(DASHBOARD_PATH, router)`: the router sees paths below the base.
    req.url = req.url!.slice(DASHBOARD_PATH.length) || '/';
    app(req, res, () => {
      res.statusCode = 404;
      res.end('not found\n');
    });
  };
}
