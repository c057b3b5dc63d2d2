/** `audit.history`: who did what to a job, node or VM, or what one person did — newest first. */
import { AuditHistory, type AuditEntry } from '../../src/operations/index.js';
import type { ReadJobModule } from '../../src/ports.js';
import { personLabels } from './people.js';
import { table } from './table.js';

export const auditHistory: ReadJobModule<AuditHistory> = {
  kind: 'audit.history',
  schema: AuditHistory,
  async run(req, deps) {
    const entries = await deps.audit.recent({ target: req.target, userId: req.userId, limit: 50 });
    const about = req.target ? ` for ${req.target}` : req.userId ? ` by <@${req.userId}>` : '';
    if (entries.length === 0) return { summary: `No recorded actions${about}.` };
    const who = await personLabels(
      deps,
      entries.map((e) => e.userId),
    );
    const rows = entries.map((e) => [e.at.replace('T', ' ').slice(0, 19), e.event, e.opId ?? '', e.target ?? '', who(e.userId), describe(e)]);
    return {
      summary: `Last ${entries.length} recorded action${entries.length === 1 ? '' : 's'}${about} (newest first, UTC):`,
      detail: table(['WHEN', 'EVENT', 'OPERATION', 'TARGET', 'WHO', 'DETAILS'], rows),
      filename: 'history.txt',
    };
  },
};

function describe(e: AuditEntry): string {
  const d = e.details;
  return [
    e.kind,
    d.outcome,
    d.state,
    d.commit && `commit ${d.commit.slice(0, 7)}`,
    d.nomadIndex && `index ${d.nomadIndex}`,
    d.planHash && `plan ${d.planHash.slice(0, 8)}`,
    d.summary,
    d.reason,
    d.why,
  ]
    .filter(Boolean)
    .join(' · ');
}
