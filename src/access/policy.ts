/**
 * Access policy as configured under `access:`: who may request and approve each command class,
 * where, and whether requesters may approve their own requests. Decisions carry the sentence
 * shown to the person, so a refusal is always specific.
 */
import type { ClassPolicy, ConfigFile } from '../config/schema.js';
import type { CommandClass } from '../operations/index.js';
import { activeFreeze } from './freeze.js';

export type Decision = { allowed: true } | { allowed: false; reason: string };

/** Looks up the members of a Slack user group (S…); injected so the policy stays testable. */
export type UserGroupMembers = (groupId: string) => Promise<readonly string[]>;

const READ_DEFAULT: ClassPolicy = {
  request: ['*'],
  approve: [],
  approvals: 1,
  selfApproval: false,
  allowDirectMessages: true,
};

export class AccessPolicy {
  constructor(
    private readonly access: ConfigFile['access'],
    private readonly userGroupMembers: UserGroupMembers = async () => [],
  ) {}

  rules(cls: CommandClass): ClassPolicy | undefined {
    return this.access.classes[cls] ?? (cls === 'read' ? READ_DEFAULT : undefined);
  }

  /**
   * May `userId` ask for a `cls` operation in `channelId` now? `breakGlass` is the reason given
   * with `--break-glass`: it lifts a change freeze for those allowed to break glass.
   */
  async canRequest(cls: CommandClass, userId: string, channelId: string, opts: { now?: number; breakGlass?: string } = {}): Promise<Decision> {
    const rules = this.rules(cls);
    if (!rules || rules.request.length === 0) {
      return { allowed: false, reason: `Nobody may request ${cls} operations yet: an admin must add \`access.classes.${cls}\` to chatops.yaml.` };
    }
    const isDm = channelId.startsWith('D');
    if (isDm && !rules.allowDirectMessages) {
      return { allowed: false, reason: `${cls} commands are not accepted in direct messages: use ${this.channelList(rules) ?? 'a channel the bot is in'}.` };
    }
    if (!isDm && rules.channels && !rules.channels.includes(channelId)) {
      return { allowed: false, reason: `${cls} commands are not allowed in this channel: use ${this.channelList(rules)}.` };
    }
    if (!(await this.matches(rules.request, userId))) {
      return { allowed: false, reason: `You may not request ${cls} operations (allowed: ${this.principals(rules.request)}).` };
    }
    if (opts.breakGlass !== undefined) {
      const glass = this.access.breakGlass;
      if (!(await this.matches(glass.allowed, userId))) return { allowed: false, reason: 'You may not use --break-glass (see `access.breakGlass.allowed`).' };
      if (opts.breakGlass.trim().length < glass.minReasonLength) {
        return {
          allowed: false,
          reason: `--break-glass needs a reason of at least ${glass.minReasonLength} characters, in quotes: \`--break-glass "builders stuck, release blocked"\`.`,
        };
      }
      return { allowed: true };
    }
    const freeze = cls === 'read' ? undefined : activeFreeze(this.access.freeze, cls, opts.now ?? Date.now());
    if (freeze) {
      const until = new Date(freeze.until).toISOString().replace('T', ' ').slice(0, 16);
      return {
        allowed: false,
        reason: `Change freeze "${freeze.name}" until ${until} UTC: ${cls} operations wait. If this cannot wait, add \`--break-glass "<reason>"\` (announced to everyone).`,
      };
    }
    return { allowed: true };
  }

  /** With break-glass, the requester may approve their own request (the emergency has no second person). */
  async canApprove(cls: CommandClass, approverId: string, requesterId: string, opts: { breakGlass?: boolean } = {}): Promise<Decision> {
    if (opts.breakGlass && approverId === requesterId) return { allowed: true };
    const rules = this.rules(cls);
    if (!rules || rules.approve.length === 0)
      return { allowed: false, reason: `Nobody may approve ${cls} operations: configure \`access.classes.${cls}.approve\`.` };
    if (approverId === requesterId && !rules.selfApproval) {
      return { allowed: false, reason: `You requested this change, so someone else from ${this.principals(rules.approve)} must approve it.` };
    }
    if (!(await this.matches(rules.approve, approverId))) {
      return { allowed: false, reason: `Only ${this.principals(rules.approve)} may approve ${cls} operations.` };
    }
    return { allowed: true };
  }

  /** "needs 1 approval from @ci-admins (not <@U0ALICE>)" for the plan message. */
  approvalNeeds(cls: CommandClass, requesterId: string): string {
    const rules = this.rules(cls);
    if (!rules) return 'no approvers configured';
    const n = rules.approvals;
    const who = this.principals(rules.approve);
    return `needs ${n} approval${n > 1 ? 's' : ''} from ${who}${rules.selfApproval ? '' : ` (not <@${requesterId}>)`}`;
  }

  /** Every class as seen by one person in one channel (for `/ci whoami`). */
  async summarize(
    userId: string,
    channelId: string,
  ): Promise<{ commandClass: string; mayRequest: boolean; requestReason?: string; mayApprove: boolean; approvalNeeds?: string }[]> {
    const classes: CommandClass[] = ['read', 'nomad-mutate', 'node', 'vm', 'destructive'];
    return Promise.all(
      classes.map(async (cls) => {
        const req = await this.canRequest(cls, userId, channelId);
        const rules = this.rules(cls);
        const mayApprove = rules ? rules.approve.length > 0 && (await this.matches(rules.approve, userId)) : false;
        return {
          commandClass: cls,
          mayRequest: req.allowed,
          ...(req.allowed ? {} : { requestReason: req.reason }),
          mayApprove,
          ...(cls !== 'read' && rules ? { approvalNeeds: this.approvalNeeds(cls, userId) } : {}),
        };
      }),
    );
  }

  approvalsRequired(cls: CommandClass): number {
    return this.rules(cls)?.approvals ?? 1;
  }

  private async matches(principals: readonly string[], userId: string, depth = 0): Promise<boolean> {
    for (const p of principals) {
      if (p === '*' || p === userId) return true;
      if (p.startsWith('@') && depth < 4) {
        const members = this.access.groups[p.slice(1)] ?? [];
        if (await this.matches(members, userId, depth + 1)) return true;
      }
      if (/^S[A-Z0-9]+$/.test(p) && (await this.userGroupMembers(p)).includes(userId)) return true;
    }
    return false;
  }

  private principals(principals: readonly string[]): string {
    if (principals.includes('*')) return 'anyone';
    return principals.map((p) => (p.startsWith('U') || p.startsWith('W') ? `<@${p}>` : p.startsWith('S') ? `<!subteam^${p}>` : p)).join(', ');
  }

  private channelList(rules: ClassPolicy): string | undefined {
    return rules.channels?.map((c) => `<#${c}>`).join(', ');
  }
}
