/**
 * The narrow interfaces `jobs/` and the queue use: our own, never `Pick<>`s of the adapters'
 * classes (the adapters' ports are in src/ports/, re-exported here). Concrete adapters are
 * wired in src/main.ts; tests plug the real adapters into simulators instead of mocking these.
 */
import type { z } from 'zod';
import type { AlertListing } from './monitors/alerts/listing.js';
import type { Silence } from './monitors/alerts/types.js';
import type { FarmNode } from './monitors/farm-view.js';
import type { MaintenanceRequest } from './monitors/maintenance.js';
import type { DeclarationsPort } from './ports/declarations.js';
import type { NomadClusterPort, NomadPort } from './ports/nomad.js';
import type { OpenStackPort } from './ports/openstack.js';
import type { RemoteCommandsPort } from './ports/remote.js';
import type {
  AuditEntry,
  AuditFilter,
  OperationKind,
  OperationRecord,
  OperationRequest,
  OperationResult,
  PlanOutcome,
  PlannedOutcome,
  ReadKind,
  ReadReply,
  ReadRequest,
} from './operations/index.js';

export interface JobDeps {
  nomad: NomadPort;
  now(): number;
  /** Short stable hash (hex) of a text, for plan hashes. */
  hash(text: string): string;
  /** Upper bounds for following an apply (tests shorten them). */
  followTimeoutMs: number;
  /** The audit trail, newest first (for `/ci history`). */
  audit: { recent(filter: AuditFilter): Promise<AuditEntry[]> };
  /** Absent when OpenStack is not configured: the VM commands say so. */
  openstack?: OpenStackPort;
  /** Nomad's servers: leader, Raft peers, members (the masters' side, for master rebuilds). */
  nomadCluster?: NomadClusterPort;
  /** VM command settings (protected jobs, how to wait); defaults in jobs/vm-settings.ts. */
  vm?: Partial<VmSettings>;
  /** Further checks of the other masters before one goes down (Consul, Vault): the hook they plug into. */
  masterHealthChecks?: MasterHealthCheck[];
  /** Aborted when the bot shuts down: long waits stop, and the next bot resumes the step. */
  shutdown?: AbortSignal;
  /** The masters' Nomad, Consul and Vault servers (for `/ci masters`). */
  masters?: MastersPort;
  /** The self-healing policy (`remediation.auto`), for `/ci policy`. */
  selfHealing?: { view(): Promise<SelfHealingView> };
  /** The cluster watch's alerts and silences (for `/ci alerts` and `/ci silence`). */
  alerts: {
    list(): Promise<AlertListing>;
    /** Throws a UserFacingError for a target that matches nothing or a bad duration. */
    silence(req: { target: string; durationMs: number; reason: string; by: string }): Promise<Silence>;
    /** How many current alerts a name, fingerprint or pattern would silence; the nearest alert names when none. */
    coverage(target: string): Promise<{ matches: number; nearest: ReadonlyArray<{ subject: string; kind: string }> }>;
  };
  /**
   * Maintenance windows (src/monitors/maintenance.ts): the queue opens one when the apply of an
   * operation that takes a node away starts, and ends it when the operation finishes.
   */
  maintenance?: {
    begin(req: MaintenanceRequest): Promise<void>;
    end(opId: string, outcome: 'succeeded' | 'failed'): Promise<void>;
  };
  /** What a person may do, class by class (for `/ci whoami`). */
  access: { summarize(userId: string, channelId: string): Promise<AccessSummary[]> };
  /** The job-declarations repository (`declarations.dir`); absent: `/ci plan`, `deploy`, `drift` say so. */
  declarations?: DeclarationsPort;
  /** The disk-drift rule's settings (`monitors.disk`), so `/ci diskfree` judges as the alert does; absent: its defaults. */
  disk?: DiskRuleSettings;
  /** The cluster watch's view of the farm (`/ci nodes` answers from it instead of reading every allocation); absent: read Nomad. */
  farm?: FarmPort;
  /** People's Slack names by user id, for tables (a code block or file cannot render `<@U…>`); absent: the ids. */
  people?: { names(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> };
  /** Runbook commands on farm hosts over SSH (`remediation.ssh`); absent: no key configured, `/ci node cleanup` says so. */
  remote?: RemoteCommandsPort;
  /** How long the cleanup's waits may last (`remediation.cleanup`); absent: its defaults. */
  cleanup?: Partial<CleanupSettings>;
  /**
   * A remediation that failed half-way (the node left ineligible) raises an alert until the node
   * takes work again; one that succeeds clears it.
   */
  remediation?: {
    failed(f: RemediationFailure): Promise<void>;
    succeeded(node: string): Promise<void>;
  };
}

export interface CleanupSettings {
  /** Without --drain: how long builders placed before the node went ineligible may take to finish. */
  idleTimeoutMs: number;
  /** With --drain and no deadline given. */
  drainDeadlineMs: number;
  /** After the command: the client ready with its free disk back above the threshold. */
  readyTimeoutMs: number;
}

/** What `/ci policy` shows: the self-healing policy's rules, what holds it back now, and its actions of the last day. */
export interface SelfHealingView {
  enabled: boolean;
  /** `policy:<name>` */
  principal: string;
  kinds: readonly string[];
  maxConcurrent: number;
  maxPerHour: number;
  stormNodes: number;
  repeatWindowMs: number;
  protectedJobs: readonly string[];
  /** The freeze holding node operations back now, in words, if any. */
  freeze?: string;
  recent: ReadonlyArray<{ opId: string; node: string; startedAt: number; finishedAt?: number; outcome?: string; summary?: string }>;
}

/** A remediation that stopped half-way, for its alert. */
export interface RemediationFailure {
  node: string;
  opId: string;
  /** "cleanup" */
  what: string;
  /** The step that failed, in words ("SSH: the cleanup command"). */
  step: string;
  /** What failed and what to do, as the operation's message says it. */
  failure: string;
  requestedBy: string;
}

export interface FarmPort {
  /**
   * Every node with what runs on it, as the watch's model has it now; undefined when this replica
   * does not watch, the first full read is not done, or the event stream is not served (the model
   * could be a reconcile interval old).
   */
  nodes(): FarmNode[] | undefined;
}

export interface DiskRuleSettings {
  /** What a CI builder asks (nomad-diskfree's threshold). */
  thresholdBytes: number;
  /** How far Nomad's count and the real free space may differ before it is drift (clients ≥ 1.11.1). */
  marginBytes: number;
  /** Requests in flight at most. */
  concurrency: number;
}

/** What `/ci masters` asks of each master (seed 002's checklist). Consul and Vault are optional. */
export interface MastersPort {
  nomad: NomadClusterPort;
  /** Masters by name; when empty, Nomad's server members are the masters. */
  names: readonly string[];
  consul?: {
    /** Raft leader as this master's agent sees it (`ip:port`), undefined when there is none. Throws when unreachable. */
    leaderSeenBy(master: string): Promise<string | undefined>;
    /** Raft peers (`ip:port`) through any agent. */
    peers(): Promise<string[]>;
    /** Members: name → IP and serf status (alive, failed…); `hiddenByAcls` when the token could not see them all. */
    members(): Promise<{ list: { name: string; addr: string; status: string }[]; hiddenByAcls: boolean }>;
  };
  vault?: {
    /** The server's state from sys/health (active, standby, sealed…). Throws when unreachable. */
    state(master: string): Promise<string>;
  };
}

export interface VmSettings {
  /** Jobs whose allocations make an agent rebuild wait for a drain (globs: `ci-*`). */
  protectedJobs: readonly string[];
  /** Between polls of Nova and Cinder. */
  pollMs: number;
  /** Longest wait for one step (a rebuild "can take up to one hour"). */
  timeoutMs: number;
}

/** One safety check and its result, as the plan message lists it. */
export interface VmCheck {
  ok: boolean;
  text: string;
}

/** Checks of the masters other than `target` (e.g. Consul and Vault health), run before `target` goes down. */
export type MasterHealthCheck = (target: string, others: readonly string[]) => Promise<VmCheck[]>;

/** One command class as seen by one person in one channel. */
export interface AccessSummary {
  commandClass: string;
  mayRequest: boolean;
  requestReason?: string | undefined;
  mayApprove: boolean;
  /** "needs 1 approval from @ci-admins (not you)" */
  approvalNeeds?: string | undefined;
}

export interface ApplyContext {
  opId: string;
  /** Who approved, for the change message recorded in Nomad. */
  approvedBy: string[];
  requestedBy: string;
  /** Appends a progress line to the operation's message. */
  progress(line: string): Promise<void>;
  /**
   * Runs `fn` once per operation: if a step of that name finished before (a crash and a retry),
   * its recorded result is returned and `fn` is not called again. Results are strings on purpose
   * (they are stored in Redis).
   */
  step(name: string, fn: () => Promise<string>): Promise<string>;
  /** A file in the operation message's thread (a command's long output), redacted; resolves with whether Slack took it. */
  attach(file: OperationFile): Promise<{ shared: boolean; why?: string }>;
}

export interface OperationFile {
  filename: string;
  content: string;
  /** The thread reply's text above the file. */
  comment: string;
}

/** One queued, approved operation kind: plan it, then apply the approved plan. */
export interface MutatingJobModule<Op extends OperationRequest = OperationRequest> {
  readonly kind: Op['kind'];
  readonly schema: z.ZodType<Op>;
  /** Operations with the same key run one at a time, e.g. `nomad/job/ci-mesosci-cs8`. */
  lockKey(op: Op): string;
  /** Every job, node or VM it changes, when more than the lock's target (`/ci history <job>` finds it by each). */
  touches?(op: Op): string[];
  /** One line for people: "scale ci-mesosci-cs8 to 10". Defaults to the kind and the target. */
  describe?(op: Op): string;
  /**
   * The node this operation takes away while it applies (a reboot, a rebuild, a drain, a retire):
   * its alerts are held back in a maintenance window for the duration. Undefined: none.
   */
  takesNodeAway?(op: Op, plan: PlannedOutcome, deps: JobDeps): NodeAway | undefined;
  plan(op: Op, deps: JobDeps): Promise<PlanOutcome>;
  apply(op: Op, plan: PlannedOutcome, deps: JobDeps, ctx: ApplyContext): Promise<OperationResult>;
}

/** What a maintenance window needs from the operation's module (the queue adds who and which operation). */
export interface NodeAway {
  node: string;
  /** What is done to it, in the operation's words: "hard reboot", "rebuild", "drain"… */
  what: string;
  /** `back`: the node returns ready (reboot, rebuild, drain). `gone`: it leaves Nomad (retire, delete). */
  expect: 'back' | 'gone';
  /** How long the operation may take at most before the node counts as not back in time. */
  budgetMs: number;
}

export type JobRegistry = { [K in OperationKind]: MutatingJobModule<Extract<OperationRequest, { kind: K }>> };

/** One read-only request kind: answered without approval, never changing anything. */
export interface ReadJobModule<R extends ReadRequest = ReadRequest> {
  readonly kind: R['kind'];
  readonly schema: z.ZodType<R>;
  run(request: R, deps: JobDeps, asker: Asker): Promise<ReadReply>;
}

export type ReadRegistry = { [K in ReadKind]: ReadJobModule<Extract<ReadRequest, { kind: K }>> };

/** Who asked a read-only question and where the answer goes. */
export interface Asker {
  userId: string;
  channelId: string;
  responseUrl?: string | undefined;
}

/** How operations reach people: the Slack adapter implements it; the queue never imports Slack. */
export interface Notifier {
  /** Posts the operation's message the first time, updates it in place afterwards. */
  showOperation(record: OperationRecord): Promise<{ channel: string; ts: string }>;
  /** A private note to one person in a channel. */
  ephemeral(channel: string, userId: string, text: string): Promise<void>;
  /** A plain, visible message to a channel (break-glass announcements). */
  announce(channel: string, text: string): Promise<void>;
  /** The answer to a read-only request: privately when it fits, with a file in the channel when long. */
  answer(asker: Asker, reply: ReadReply): Promise<void>;
  /** A file in the thread of the message at `channel`/`ts` (an operation's message). */
  attach(channel: string, ts: string, file: OperationFile): Promise<{ shared: boolean; why?: string }>;
}

export type * from './ports/declarations.js';
export type * from './ports/nomad.js';
export type * from './ports/openstack.js';
export type * from './ports/remote.js';

/** Nomad and OpenStack API object types jobs may reason about (types only; the adapters own the schemas). */
export type { NomadAllocation, NomadAllocationStub, NomadAllocationStubWithResources } from './nomad/schemas/allocations.js';
export type { NomadAgentMember } from './nomad/schemas/agent.js';
export type { NomadEvaluation } from './nomad/schemas/evaluations.js';
export type { NomadJob } from './nomad/schemas/jobs.js';
export type { NomadNode, NomadNodeStub } from './nomad/schemas/nodes.js';
export type { NomadAllocationMetric, NomadEvaluationWithPlacements, NomadJobDiff, NomadJobPlanResponse } from './nomad/schemas/plan.js';
export type { LogText } from './nomad/requests.js';
export type { PageFold } from './nomad/paging.js';
export type { CinderVolume } from './openstack/schemas/cinder.js';
export type { NovaServer } from './openstack/schemas/nova.js';
export type { AlertListing, ListedAlert } from './monitors/alerts/listing.js';
export type { Silence } from './monitors/alerts/types.js';
export type { FarmNode } from './monitors/farm-view.js';
export type { MaintenanceRequest, MaintenanceWindow } from './monitors/maintenance.js';
