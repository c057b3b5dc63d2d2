/**
 * An operation record as one Slack message (ux.md): a first line that says what happened, the
 * plan as `nomad job plan` prints it, grey context, and the next step as buttons. Pure.
 */
import type { OperationRecord } from '../operations/index.js';
import { actions, button, codeBlock, context, esc, section, type Block } from './blocks.js';
import { CHOICE_ACTION_PREFIX } from './render-reply.js';

export const APPROVE_ACTION = 'op.approve';
export const REJECT_ACTION = 'op.reject';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** A person as a mention; a self-healing policy (`policy:<name>`) by its name. */
const who = (id: string) => (id.startsWith('policy:') ? `\`${id}\`` : `<@${id}>`);
const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** Plans longer than this go as a file (the message keeps the first lines): a phone can read them, Slack accepts them. */
export const PLAN_INLINE_MAX_LINES = 40;
export const PLAN_INLINE_MAX_CHARS = 2_500;
const PLAN_PREVIEW_LINES = 25;

/** The plan text as `nomad job plan` prints it, in full (what the attached file holds). */
export function fullPlanText(rec: OperationRecord): string | undefined {
  const plan = rec.plan;
  return plan?.status === 'planned' ? [plan.diffText, plan.dryRunText && `Scheduler dry-run:\n${plan.dryRunText}`].filter(Boolean).join('\n\n') : undefined;
}

/** True when the plan is too long for the message and goes as a file. */
export function planIsLong(rec: OperationRecord): boolean {
  const text = fullPlanText(rec);
  return text !== undefined && (text.length > PLAN_INLINE_MAX_CHARS || text.split('\n').length > PLAN_INLINE_MAX_LINES);
}

export const planFilename = (rec: OperationRecord) => `plan-${rec.envelope.opId}.txt`;

/** What became of a long plan's file: shown in the message only once known (never claimed ahead). */
export type PlanFile = { attached: true } | { attached: false; why: string };

function planPreview(rec: OperationRecord, text: string, file: PlanFile | undefined): string {
  if (!planIsLong(rec)) return text;
  const lines = text.split('\n');
  const more = `… ${lines.length - PLAN_PREVIEW_LINES} more lines`;
  const tail = !file
    ? `${more} not shown`
    : file.attached
      ? `${more}: full plan attached (${planFilename(rec)})`
      : `${more} not shown: the full plan could not be attached here, because ${file.why}.`;
  return `${lines.slice(0, PLAN_PREVIEW_LINES).join('\n')}\n${tail}`;
}

function subject(rec: OperationRecord): string {
  if (rec.plan && rec.plan.status !== 'failed') return rec.plan.title;
  return rec.envelope.title ?? rec.envelope.operation.kind;
}

function headline(rec: OperationRecord): string {
  const s = esc(subject(rec));
  switch (rec.state) {
    case 'queued':
    case 'planning':
      return `⏳ Planning: ${s}`;
    case 'waiting':
      return `⏳ Queued: ${s} — waiting for ${rec.waitingBehind} to finish with this job`;
    case 'awaiting-approval':
      return `📋 Plan: ${s}`;
    case 'approved':
    case 'applying':
      return `⚙️ Applying: ${s}`;
    case 'applied': {
      const result = rec.result?.status === 'succeeded' ? rec.result : undefined;
      return result?.partial ? `⚠️ Applied, ${esc(result.partial)}: ${esc(result.summary)}` : `✅ Applied: ${esc(result ? result.summary : s)}`;
    }
    case 'failed': {
      const refused = (rec.plan?.status === 'failed' && rec.plan.refused) || (rec.result?.status === 'failed' && rec.result.refused);
      return refused ? `🚫 Refused: ${s}` : `❌ Failed: ${s}`;
    }
    case 'rejected':
      return `🚫 Rejected: ${s}`;
    case 'expired':
      return `⌛ Expired: ${s}`;
    case 'superseded':
      return `⚠️ Not applied: ${s}`;
    case 'no-change':
      return `ℹ️ Nothing to do: ${s}`;
  }
}

function people(rec: OperationRecord): string {
  const parts: string[] = [];
  if (rec.approvals.length) parts.push(`approved by ${rec.approvals.map((a) => who(a.userId)).join(', ')}`);
  if (rec.rejectedBy) parts.push(`rejected by ${who(rec.rejectedBy)}`);
  parts.push(`requested by ${who(rec.envelope.requestedBy.userId)}`);
  parts.push(rec.envelope.opId);
  return parts.join(' · ');
}

/**
 * A recorded apply's steps as a checklist, from the record alone (so a resumed apply shows
 * every step, whichever bot did it): ✅ done (with what it returned), ⏳ running, ❌ failed, ▫️ to do.
 * A step result starting with `!` is a step that ended in the failure the message reports.
 */
function stepChecklist(rec: OperationRecord, steps: readonly { name: string; label: string }[]): string {
  let current = true;
  return steps
    .map((st, i) => {
      const result = rec.completedSteps[st.name];
      const n = `${i + 1}. ${st.label}`;
      if (result !== undefined && !result.startsWith('!')) return `✅ ${n} — ${result.length > 300 ? `${result.slice(0, 300)}…` : result}`;
      if (!current) return `▫️ ${n}`;
      current = false;
      if (result !== undefined || rec.state === 'failed') return `❌ ${n}`;
      return rec.state === 'applying' ? `⏳ ${n}` : `▫️ ${n}`;
    })
    .join('\n');
}

export function renderOperation(rec: OperationRecord, opts: { planFile?: PlanFile } = {}): SlackMessage {
  const first = headline(rec);
  const blocks: Block[] = [section(`*${first}*`), context(people(rec))];
  const plan = rec.plan;

  if (rec.envelope.breakGlass) blocks.push(context(`🚨 Break-glass by ${who(rec.envelope.requestedBy.userId)}: “${esc(rec.envelope.breakGlass.reason)}”`));
  if (rec.envelope.replaces && ['planning', 'awaiting-approval'].includes(rec.state)) {
    blocks.push(context(`Fresh plan replacing ${rec.envelope.replaces}, whose job changed before it was applied.`));
  }
  // Once a plan with listed steps is approved, its checklist (below) takes the place of the plan text.
  const checklist = plan?.status === 'planned' && plan.steps?.length && ['approved', 'applying', 'applied', 'failed'].includes(rec.state);
  if (plan?.status === 'planned' && !checklist && !['rejected', 'expired', 'superseded'].includes(rec.state)) {
    const text = fullPlanText(rec) ?? '';
    if (text) blocks.push(codeBlock(planPreview(rec, text, opts.planFile)));
    if (plan.notes.length) blocks.push(section(esc(plan.notes.join('\n'))));
  }
  if (plan && plan.status !== 'planned') blocks.push(section(esc(plan.status === 'failed' ? plan.failure : plan.message)));
  if (plan?.status === 'failed' && plan.choices?.length && rec.state === 'failed') {
    blocks.push(actions(`op:${rec.envelope.opId}:next`, ...plan.choices.map((c, i) => button(c.label, `${CHOICE_ACTION_PREFIX}.${i}`, c.command))));
  }

  switch (rec.state) {
    case 'awaiting-approval': {
      const given = rec.approvals.length ? ` · ${rec.approvals.length} of ${rec.approvalsRequired} approvals` : '';
      // Job operations check Nomad's JobModifyIndex; node operations the node's modify index.
      const indexName = rec.envelope.operation.kind.startsWith('nomad.') ? 'Job modify index' : 'Nomad index';
      const index = plan?.status === 'planned' && plan.checkIndex > 0 ? `${indexName} ${plan.checkIndex} · ` : '';
      blocks.push(context(`${index}expires ${rec.expiresAt ? clock(rec.expiresAt) : '?'} · ${rec.approvalNeeds ?? ''}${given}`));
      const approveLabel = plan?.status === 'planned' && plan.placementFailures ? 'Approve anyway' : 'Approve';
      blocks.push(
        actions(
          `op:${rec.envelope.opId}`,
          button(approveLabel, APPROVE_ACTION, rec.envelope.opId, 'primary'),
          button('Reject', REJECT_ACTION, rec.envelope.opId, 'danger'),
        ),
      );
      break;
    }
    case 'approved':
    case 'applying':
    case 'applied':
    case 'failed':
      if (plan?.status === 'planned' && plan.steps?.length) blocks.push(section(esc(stepChecklist(rec, plan.steps))));
      if (rec.progress.length && rec.state !== 'applied') blocks.push(context(...rec.progress.slice(-5).map(esc)));
      if (rec.result?.status === 'succeeded') blocks.push(section(esc(rec.result.details.join('\n'))));
      if (rec.result?.status === 'failed') {
        blocks.push(section(esc(rec.result.failure)));
        if (rec.result.done.length) blocks.push(context(`Done before the failure: ${esc(rec.result.done.join('; '))}`));
      }
      break;
    case 'rejected':
      blocks.push(context('Nothing was applied.'));
      break;
    case 'expired':
      blocks.push(
        context(`No approval before ${rec.expiresAt ? clock(rec.expiresAt) : 'the deadline'}; nothing was applied. Run the command again for a fresh plan.`),
      );
      break;
    case 'superseded':
      blocks.push(
        section(
          `${esc(rec.result?.status === 'stale' ? rec.result.failure : 'The job changed since this plan.')}\nA fresh plan follows below (${rec.supersededBy}); approve that one if it is still what you want.`,
        ),
      );
      break;
    default:
      break;
  }
  return { text: first.replace(/\*/g, ''), blocks };
}
