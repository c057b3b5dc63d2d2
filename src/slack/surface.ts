/** Everything Bolt hands the bot: the slash command, its choices, operation and alert buttons, the App Home, people's names. */
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import type { ClusterWatch } from '../monitors/index.js';
import type { AuditLog } from '../queue/audit.js';
import type { PeopleNames } from '../queue/people.js';
import type { Operations } from '../queue/operations.js';
import type { OperationStore } from '../queue/store.js';
import type { Redactor } from '../redact.js';
import { registerOperationActions } from './actions.js';
import { registerAlertActions } from './alert-actions.js';
import { registerChoiceActions, registerCommandHandler, type DispatchDeps } from './dispatch.js';
import { registerAppHome } from './home.js';
import { registerPeopleNames } from './people.js';
import { CHOICE_ACTION_PREFIX } from './render-reply.js';

export interface SlackSurface {
  dispatch: DispatchDeps;
  operations: Operations;
  watch: ClusterWatch;
  store: OperationStore;
  audit: AuditLog;
  people: PeopleNames;
  log: Logger;
  redactor: Redactor;
  now: () => number;
}

export function registerSlackSurface(app: App, s: SlackSurface): void {
  // First: the names Slack sends with each command and click are kept before anything answers.
  registerPeopleNames(app, s.people);
  registerCommandHandler(app, '/ci', s.dispatch);
  registerChoiceActions(app, CHOICE_ACTION_PREFIX, s.dispatch);
  registerOperationActions(app, s.operations, s.log, s.redactor);
  registerAlertActions(app, s.watch, s.dispatch, s.audit, s.log);
  // The App Home reads the alert state (any replica can: it is in Redis).
  registerAppHome(app, { store: s.store, audit: s.audit, alerts: () => s.watch.firing(), log: s.log, now: s.now, redactor: s.redactor });
  app.error(async (err) => {
    s.log.error({ err: describeError(err) }, 'unhandled Slack error');
  });
}
