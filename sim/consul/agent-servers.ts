/**
 * One real HTTP(S) server per master, each of which can go away in two ways an operator meets:
 * `refuse` closes the port (connection refused), `hang` accepts and never answers (a timeout).
 * Shared by the Consul and Vault simulators.
 */
import type { ServerResponse } from 'node:http';
import { SimRouter, sendText, startSimServer, type SimRequest, type SimServer, type SimTls } from '../http/server.js';

export type AgentDownMode = 'refuse' | 'hang';

export interface AgentServersOptions {
  tls?: SimTls | undefined;
  /** Runs for requests that reach an answering agent; return true when it has answered. */
  before?: (agent: string, req: SimRequest, res: ServerResponse) => boolean | Promise<boolean>;
}

interface Agent {
  server: SimServer;
  router: SimRouter;
  down?: AgentDownMode | undefined;
  held: Set<ServerResponse>;
}

export class AgentServers {
  private front: SimServer | undefined;

  private constructor(
    private readonly agents: Map<string, Agent>,
    private readonly opts: AgentServersOptions,
  ) {}

  static async start(names: readonly string[], routerFor: (agent: string) => SimRouter, opts: AgentServersOptions = {}): Promise<AgentServers> {
    const agents = new Map<string, Agent>();
    for (const name of names) {
      const held = new Set<ServerResponse>();
      const router = routerFor(name);
      const server = await startSimServer(router, {
        ...(opts.tls ? { tls: opts.tls } : {}),
        before: (req, res) => {
          if (agents.get(name)?.down === 'hang') {
            held.add(res);
            res.once('close', () => held.delete(res));
            return true;
          }
          return opts.before ? opts.before(name, req, res) : false;
        },
      });
      agents.set(name, { server, router, held });
    }
    return new AgentServers(agents, opts);
  }

  /**
   * A front address like aliconsul.cern.ch / alivault.cern.ch: a balancer that hands each request to
   * the agent `pick` names among the answering ones, or says "no healthy upstream" (503).
   */
  async startFront(pick: (answering: string[]) => string | undefined): Promise<string> {
    this.front = await startSimServer(new SimRouter(), {
      ...(this.opts.tls ? { tls: this.opts.tls } : {}),
      before: async (req, res) => {
        const name = pick([...this.agents.keys()].filter((n) => this.isAnswering(n)));
        if (!name) sendText(res, 503, 'no healthy upstream');
        else await this.dispatch(name, req, res);
        return true;
      },
    });
    return this.front.url;
  }

  private async dispatch(name: string, req: SimRequest, res: ServerResponse): Promise<void> {
    if (this.opts.before && (await this.opts.before(name, req, res))) return;
    const found = this.get(name).router.match(req.method, req.path);
    if (found === 'method') return sendText(res, 405, 'Invalid method');
    if (!found) {
      res.statusCode = 404;
      return void res.end();
    }
    req.params = found.params;
    await found.handler(req, res);
  }

  get urls(): Record<string, string> {
    return Object.fromEntries([...this.agents].map(([name, a]) => [name, a.server.url]));
  }

  isAnswering(name: string): boolean {
    return this.get(name).down === undefined;
  }

  async down(name: string, mode: AgentDownMode = 'refuse'): Promise<void> {
    const agent = this.get(name);
    if (agent.down === 'refuse') return;
    agent.down = mode;
    if (mode === 'refuse') {
      release(agent);
      await new Promise<void>((resolve) => {
        agent.server.server.close(() => resolve());
        agent.server.server.closeAllConnections();
      });
    }
  }

  /** Answers again, on the same port. */
  async up(name: string): Promise<void> {
    const agent = this.get(name);
    const was = agent.down;
    agent.down = undefined;
    release(agent);
    if (was === 'refuse') {
      const srv = agent.server.server;
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(agent.server.port, '127.0.0.1', () => {
          srv.off('error', reject);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    await this.front?.close();
    await Promise.all(
      [...this.agents.values()].map((a) => {
        release(a);
        return a.down === 'refuse' ? undefined : a.server.close();
      }),
    );
  }

  private get(name: string): Agent {
    const agent = this.agents.get(name);
    if (!agent) throw new Error(`no such master: ${name} (have ${[...this.agents.keys()].join(', ')})`);
    return agent;
  }
}

function release(agent: Agent): void {
  for (const res of agent.held) res.destroy();
  agent.held.clear();
}
