/** The job registry: one module per queued operation kind. */
import type { JobRegistry, ReadRegistry } from '../src/ports.js';
import { nomadScale } from './nomad-scale.js';
import { nomadDeploy } from './nomad-deploy.js';
import { nomadRedeploy } from './nomad-redeploy.js';
import { nomadStop } from './nomad-stop.js';
import { nomadDeclaredPlan } from './read/nomad-plan.js';
import { nomadDrift } from './read/drift.js';
import { nomadRestart } from './nomad-restart.js';
import { nodeDrain } from './node-drain.js';
import { nodeEligibility } from './node-eligibility.js';
import { nodeUndrain } from './node-undrain.js';
import { nodeCleanup } from './node-cleanup.js';
import { nomadLogs } from './read/logs.js';
import { nomadNode } from './read/node.js';
import { nomadNodes } from './read/nodes.js';
import { nomadWhy } from './read/why.js';
import { nomadDiskfree } from './read/diskfree.js';
import { nomadStatus } from './read/nomad-status.js';
import { auditHistory } from './read/audit-history.js';
import { whoAmI } from './read/whoami.js';
import { policyShow } from './read/policy.js';
import { alertsList, alertsSilence } from './read/alerts.js';
import { mastersStatus } from './read/masters.js';
import { vmList } from './read/vm-list.js';
import { vmShow } from './read/vm-show.js';
import { vmCreate } from './vm-create.js';
import { vmDelete } from './vm-delete.js';
import { vmReboot } from './vm-reboot.js';
import { vmRebuild } from './vm-rebuild.js';
import { nodeRetire } from './vm-retire.js';

export const jobs: JobRegistry = {
  'nomad.scale': nomadScale,
  'vm.reboot': vmReboot,
  'vm.rebuild': vmRebuild,
  'vm.create': vmCreate,
  'vm.delete': vmDelete,
  'node.retire': nodeRetire,
  'nomad.restart': nomadRestart,
  'node.drain': nodeDrain,
  'node.undrain': nodeUndrain,
  'node.eligibility': nodeEligibility,
  'node.cleanup': nodeCleanup,
  'nomad.deploy': nomadDeploy,
  'nomad.stop': nomadStop,
  'nomad.redeploy': nomadRedeploy,
};

/** Read-only request kinds: answered without approval. */
export const readJobs: ReadRegistry = {
  'nomad.status': nomadStatus,
  'audit.history': auditHistory,
  'access.whoami': whoAmI,
  'policy.show': policyShow,
  'alerts.list': alertsList,
  'masters.status': mastersStatus,
  'alerts.silence': alertsSilence,
  'vm.list': vmList,
  'vm.show': vmShow,
  'nomad.logs': nomadLogs,
  'nomad.why': nomadWhy,
  'nomad.nodes': nomadNodes,
  'nomad.node': nomadNode,
  'nomad.diskfree': nomadDiskfree,
  'nomad.plan': nomadDeclaredPlan,
  'nomad.drift': nomadDrift,
};
