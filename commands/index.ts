/** The command registry: one module per chat verb. `/ci help` and the docs are generated from it. */
import type { CommandModule } from '../src/operations/index.js';
import { helpCommand } from './help.js';
import { logs } from './logs.js';
import { node } from './node.js';
import { nodes } from './nodes.js';
import { diskfree } from './diskfree.js';
import { restart } from './restart.js';
import { why } from './why.js';
import { scale } from './scale.js';
import { deploy } from './deploy.js';
import { drift } from './drift.js';
import { plan } from './plan.js';
import { redeploy } from './redeploy.js';
import { stop } from './stop.js';
import { status } from './status.js';
import { history } from './history.js';
import { whoami } from './whoami.js';
import { policy } from './policy.js';
import { alerts, silence } from './alerts.js';
import { masters } from './masters.js';
import { vm } from './vm.js';

export const commands: readonly CommandModule[] = [
  status,
  scale,
  history,
  alerts,
  silence,
  masters,
  whoami,
  policy,
  logs,
  restart,
  why,
  nodes,
  node,
  diskfree,
  vm,
  plan,
  deploy,
  stop,
  redeploy,
  drift,
  helpCommand(() => commands),
];

export { tokenize } from './tokenize.js';
export { unknownCommand, overview } from './help.js';
