/**
 * The contract between the Slack adapter and `commands/`: parsers are pure functions of the
 * words typed and a snapshot of the world (job names, limits), never doing I/O themselves.
 */
import type { CommandClass } from './common.js';
import type { ReadRequest } from './reads.js';
import type { OperationRequest } from './request.js';

export type ParseResult =
  /** Queue this operation (after the access check). */
  | { type: 'operation'; request: OperationRequest }
  /** Answer the person privately: help, usage, a specific validation error. */
  | { type: 'reply'; text: string; error?: boolean }
  /** A read-only request, answered by a `jobs/read` module without approval. */
  | { type: 'read'; request: ReadRequest };

/** A job the parser can resolve names against. */
export interface KnownJob {
  id: string;
  /** Task groups, with their desired counts when the command asked for `groupCounts`. */
  groups: { name: string; count?: number }[];
  status: string;
}

/** One declared instance: `ci/mesosci-cs8` (key), `mesosci-cs8` (name), `ci` (dir), `ci-mesosci-cs8` (job). */
export interface KnownDeclaration {
  key: string;
  name: string;
  dir?: string | undefined;
  jobName: string;
}

export interface KnownDeclarations {
  instances: KnownDeclaration[];
  dirs: string[];
  /** True when the declarations are a git repository (`declarations.git`): `--ref` is allowed. */
  git?: boolean;
  /** With `--ref` (WorldOptions.ref): the names are those at that ref; why not, when it names nothing. */
  refProblem?: string;
}

/** What a command's words change about the world fetched for it: `--ref` reads the declarations at that ref. */
export interface WorldOptions {
  ref?: string;
}

/** What the world looked like when the command arrived (fetched by the adapter when `needs` asks). */
export interface World {
  jobs?: KnownJob[];
  /** The job-declarations repository (`declarations.dir`): instances and templated directories. */
  declarations?: KnownDeclarations;
  /** Nomad's client nodes, so a change to a node that does not exist is answered before anything is queued. */
  nodes?: KnownNode[];
  /** OpenStack's server names; absent when OpenStack is not configured (the VM commands say so themselves). */
  servers?: string[];
}

/** A Nomad client node a parser can check a typed name against (`alibuild05`, `alibuild05.cern.ch`, an ID prefix). */
export interface KnownNode {
  name: string;
  id: string;
  /** With the `nodeBuilders` need, for the nodes the words name: the builder jobs (`vm.protectedJobs`) with an allocation running or pending there. */
  builders?: string[];
}

/**
 * What a parser needs fetched before it runs: a part of the World, or `groupCounts` (the jobs
 * with each task group's desired count: one more read per job, so only verbs that compare counts ask),
 * or `nodeBuilders` (with `nodes`: the builders running on the nodes the words name, one read per such node).
 */
export type WorldNeed = keyof World | 'groupCounts' | 'nodeBuilders';

/**
 * What became of a typed `/ci` command: queued (an operation), read (a read-only request), reply
 * (help, a private answer), invalid (bad input), unknown (no such verb), refused (the access
 * policy, a freeze, or Nomad could not be asked), failed (the bot hit an error).
 */
export type CommandOutcome = 'queued' | 'read' | 'reply' | 'invalid' | 'unknown' | 'refused' | 'failed';

export interface ScaleLimits {
  maxCount: number;
  allowZero: boolean;
}

export interface CommandContext {
  userId: string;
  channelId: string;
  world: World;
  /** Per-job scale limits from configuration. */
  scaleLimits(jobId: string): ScaleLimits;
}

export interface CommandModule {
  /** The verb typed after `/ci`. */
  readonly name: string;
  readonly summary: string;
  /** `/ci scale <instance|job> <count>` */
  readonly usage: string;
  readonly examples: readonly string[];
  /** Which policy class governs the request. */
  readonly commandClass: CommandClass;
  /** World data the adapter must fetch before calling parse. */
  readonly needs: readonly WorldNeed[];
  /** When what to fetch depends on the words (`/ci vm reboot` needs the servers, `/ci vm list` nothing): wins over `needs`. */
  needsFor?(args: readonly string[]): readonly WorldNeed[];
  /** How the words shape what is fetched (`/ci deploy x --ref v1.2`: the declarations at v1.2). */
  worldOptions?(args: readonly string[]): WorldOptions;
  parse(args: readonly string[], ctx: CommandContext): ParseResult;
}
