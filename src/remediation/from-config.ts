/** The self-healing policy as chatops.yaml (`remediation.auto`) describes it, wired to the bot's parts. */
import type { webApi } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { ConfigFile } from '../config/schema.js';
import type { ClusterWatch } from '../monitors/index.js';
import type { Nomad } from '../nomad/index.js';
import type { AuditLog } from '../queue/audit.js';
import type { Operations } from '../queue/operations.js';
import type { OperationStore } from '../queue/store.js';
import type { Redactor } from '../redact.js';
import { AutoRemediator } from './auto.js';
import { AutoLedger } from './ledger.js';

export interface AutoRemediatorWiring {
  file: ConfigFile;
  redis: Redis;
  prefix: string;
  clock: Clock;
  log: Logger;
  watch: ClusterWatch;
  nomad: Nomad;
  operations: Operations;
  store: OperationStore;
  audit: AuditLog;
  client: webApi.WebClient;
  redactor: Redactor;
}

export function autoRemediator(w: AutoRemediatorWiring): AutoRemediator {
  const a = w.file.remediation.auto;
  const principal = `policy:${a.name}`;
  return new AutoRemediator({
    policy: {
      enabled: a.enabled,
      name: a.name,
      kinds: a.kinds,
      maxConcurrent: a.maxConcurrent,
      maxPerHour: a.maxPerHour,
      stormNodes: a.stormNodes,
      repeatWindowMs: a.repeatWindow,
    },
    checkEveryMs: a.checkEvery,
    freeze: w.file.access.freeze,
    protectedJobs: w.file.vm.protectedJobs,
    ledger: new AutoLedger(w.redis, w.prefix),
    clock: w.clock,
    log: w.log.child({ component: 'self-healing' }),
    isLeader: () => w.watch.isLeader,
    alerts: () => w.watch.listAlerts(),
    async jobsOnNode(name) {
      const node = (await w.nomad.nodes.list()).data.find((n) => n.Name === name);
      if (!node) return undefined;
      return (await w.nomad.nodes.allocations(node.ID)).data
        .filter((x) => x.DesiredStatus === 'run' && (x.ClientStatus === 'running' || x.ClientStatus === 'pending'))
        .map((x) => x.JobID);
    },
    request: (envelope) => w.operations.request(envelope),
    record: (opId) => w.store.get(opId),
    async say(channel, threadTs, text) {
      await w.client.chat.postMessage({ channel, thread_ts: threadTs, text: w.redactor.redact(text), unfurl_links: false });
    },
    refused: (node, reason, code, alertKey) =>
      w.audit.record({
        event: 'refused',
        kind: 'node.cleanup',
        target: node,
        userId: principal,
        details: { reason, guardrail: code, alert: alertKey, automatic: true },
      }),
  });
}
