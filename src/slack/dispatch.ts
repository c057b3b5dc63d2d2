/**
 * `/ci ...`: ack at once, then parse (pure), authorise, and either answer privately or queue.
 * Nothing is queued unless the input is valid and the person may ask for it.
 */
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import type { AccessPolicy } from '../access/policy.js';
import type { ConfigFile } from '../config/schema.js';
import { describeError, explainError } from '../errors.js';
import { OPERATION_CLASS, OperationEnvelope, ReadEnvelope, type CommandContext, type CommandModule, type CommandOutcome } from '../operations/index.js';
import type { Redactor } from '../redact.js';
import type { Operations } from '../queue/operations.js';
import type { Reads } from '../queue/reads.js';
import { opIdFor } from './op-id.js';
import { unescapeSlashText } from './slash-text.js';
import { WorldUnavailable, type WorldProvider } from './world.js';

export interface DispatchDeps {
  commands: readonly CommandModule[];
  tokenize(text: string): string[];
  unknownCommand(name: string, commands: readonly CommandModule[], args?: readonly string[]): string;
  world: WorldProvider;
  policy: AccessPolicy;
  operations: Operations;
  reads: Reads;
  scale: ConfigFile['scale'];
  log: Logger;
  now(): number;
  /** This bot's secrets, masked in every answer. */
  redactor: Redactor;
  /** Told what became of each typed `/ci` command (metrics); the verb is `(unknown)` for one not in the registry. */
  observe?(verb: string, outcome: CommandOutcome): void;
}

export function registerCommandHandler(app: App, command: string, d: DispatchDeps): void {
  app.command(command, async ({ command: cmd, ack, respond }) => {
    await ack();
    const log = d.log.child({ user: cmd.user_id, channel: cmd.channel_id });
    let result: Dispatched;
    try {
      // Slack escapes the text it sends (links, users, `&<>`); the parsers read what the person typed.
      result = await dispatch({ ...cmd, text: unescapeSlashText(cmd.text ?? '') }, respond, d, log);
    } catch (err) {
      log.error({ err: describeError(err) }, 'command failed');
      await safeRespond(respond, log, d.redactor, `Sorry, that failed: ${explainError(err)}`);
      result = { verb: verbOf(d.tokenize(unescapeSlashText(cmd.text ?? '')), d), outcome: 'failed' };
    }
    d.observe?.(result.verb, result.outcome);
  });
}

/**
 * Buttons under a read-only answer (e.g. "pick an allocation") carry the command they stand for;
 * a click runs it exactly as if the clicker had typed it: same parser, same access policy.
 */
export function registerChoiceActions(app: App, actionPrefix: string, d: DispatchDeps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${actionPrefix.replace('.', '\\.')}\\.`), async ({ ack, body, action, respond }) => {
    await ack();
    const log = d.log.child({ user: body.user.id, choice: action.action_id });
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!channelId || typeof action.value !== 'string') return safeRespond(respond, log, d.redactor, 'This button is not valid; nothing was done.');
    await runAsTyped(
      action.value,
      { userId: body.user.id, channelId, triggerId: `${body.trigger_id}:${action.action_ts}`, responseUrl: body.response_url },
      respond,
      d,
      log,
    );
  });
}

/** Runs `text` as if `who` had typed `/ci text`: the same parser, access policy and approvals. */
export async function runAsTyped(
  text: string,
  who: { userId: string; channelId: string; triggerId: string; responseUrl: string },
  respond: RespondFn,
  d: DispatchDeps,
  log: Logger,
): Promise<void> {
  try {
    // Buttons are not typed commands: the command metrics count only what people type.
    await dispatch({ text, user_id: who.userId, channel_id: who.channelId, trigger_id: who.triggerId, response_url: who.responseUrl }, respond, d, log);
  } catch (err) {
    log.error({ err: describeError(err) }, 'command from a button failed');
    await safeRespond(respond, log, d.redactor, `Sorry, that failed: ${explainError(err)}`);
  }
}

interface SlashCommand {
  text: string;
  user_id: string;
  channel_id: string;
  trigger_id: string;
  response_url: string;
}

/** What became of one command, by verb: what the metrics count. */
interface Dispatched {
  verb: string;
  outcome: CommandOutcome;
}

/** The registry's verb, or `(unknown)`: a typo must not become a metrics label. */
function verbOf(words: readonly string[], d: DispatchDeps): string {
  const name = (words[0] ?? 'help').toLowerCase();
  return d.commands.some((c) => c.name === name) ? name : '(unknown)';
}

async function dispatch(cmd: SlashCommand, respond: RespondFn, d: DispatchDeps, log: Logger): Promise<Dispatched> {
  const words = d.tokenize(cmd.text ?? '');
  // Verbs in any case: `/ci SCALE` is `/ci scale` (a phone capitalises the first word).
  const name = (words[0] ?? 'help').toLowerCase();
  const module = d.commands.find((c) => c.name === name);
  const verb = verbOf(words, d);
  const say = async (text: string, outcome: CommandOutcome): Promise<Dispatched> => {
    await safeRespond(respond, log, d.redactor, text);
    return { verb, outcome };
  };
  if (!module) return say(d.unknownCommand(words[0] ?? name, d.commands, words.slice(1)), 'unknown');

  const glass = extractBreakGlass(words.slice(1));
  if (glass.error) return say(glass.error, 'invalid');
  const allowed = await d.policy.canRequest(module.commandClass, cmd.user_id, cmd.channel_id, {
    now: d.now(),
    ...(glass.reason !== undefined ? { breakGlass: glass.reason } : {}),
  });
  if (!allowed.allowed) return say(allowed.reason, 'refused');

  let world;
  try {
    world = await d.world.fetch(module.needsFor?.(glass.rest) ?? module.needs, module.worldOptions?.(glass.rest), glass.rest);
  } catch (err) {
    if (err instanceof WorldUnavailable) return say(`${err.sentence ?? `${err.what}: ${explainError(err.cause)}.`} Nothing was queued.`, 'refused');
    return say(`Nomad could not be asked about ${module.needsFor ? 'what you named' : 'jobs'}: ${explainError(err)}. Nothing was queued.`, 'refused');
  }
  const ctx: CommandContext = {
    userId: cmd.user_id,
    channelId: cmd.channel_id,
    world,
    scaleLimits: (jobId) => ({
      maxCount: d.scale.jobs[jobId]?.maxCount ?? d.scale.maxCount,
      allowZero: d.scale.jobs[jobId]?.allowZero ?? d.scale.allowZero,
    }),
  };
  const parsed = module.parse(glass.rest, ctx);
  if (parsed.type === 'reply') return say(parsed.text, parsed.error ? 'invalid' : 'reply');
  if (glass.reason !== undefined && parsed.type !== 'operation')
    return say('`--break-glass` is only for changes; read-only commands never need it.', 'invalid');
  // A verb may hold several classes (`vm list` reads, `vm delete` destroys): check the operation's own.
  if (parsed.type === 'operation' && OPERATION_CLASS[parsed.request.kind] !== module.commandClass) {
    const exact = await d.policy.canRequest(OPERATION_CLASS[parsed.request.kind], cmd.user_id, cmd.channel_id, {
      now: d.now(),
      ...(glass.reason !== undefined ? { breakGlass: glass.reason } : {}),
    });
    if (!exact.allowed) return say(exact.reason, 'refused');
  }
  const requestedBy = { userId: cmd.user_id, channelId: cmd.channel_id, responseUrl: cmd.response_url || undefined };
  if (parsed.type === 'read') {
    const read = ReadEnvelope.parse({ opId: opIdFor(cmd.trigger_id), requestedBy, requestedAt: new Date(d.now()).toISOString(), request: parsed.request });
    await d.reads.request(read);
    return { verb, outcome: 'read' };
  }

  const envelope = OperationEnvelope.parse({
    opId: opIdFor(cmd.trigger_id),
    requestedBy,
    requestedAt: new Date(d.now()).toISOString(),
    operation: parsed.request,
    ...(glass.reason !== undefined ? { breakGlass: { reason: glass.reason.trim().slice(0, 500) } } : {}),
  });
  const outcome = await d.operations.request(envelope);
  if (outcome === 'duplicate') {
    log.info({ opId: envelope.opId }, 'redelivered request ignored');
    return { verb, outcome: 'queued' };
  }
  return say(`Queued: ${describeRequest(envelope, d)} (${envelope.opId}). Planning…`, 'queued');
}

/** Takes `--break-glass "<reason>"` out of the words, for every mutating command alike. */
function extractBreakGlass(args: readonly string[]): { rest: string[]; reason?: string; error?: string } {
  const i = args.findIndex((a) => a === '--break-glass' || a.startsWith('--break-glass='));
  if (i < 0) return { rest: [...args] };
  const inline = args[i]!.startsWith('--break-glass=') ? args[i]!.slice('--break-glass='.length) : undefined;
  const reason = inline ?? args[i + 1];
  if (reason === undefined || reason.startsWith('--'))
    return { rest: [], error: '`--break-glass` needs a reason in quotes: `--break-glass "builders stuck, release blocked"`.' };
  const rest = args.filter((_, j) => j !== i && (inline !== undefined || j !== i + 1));
  return { rest, reason };
}

function describeRequest(env: OperationEnvelope, d: DispatchDeps): string {
  return d.operations.describe(env.operation);
}

/** response_url allows 5 uses in 30 minutes; a failure to answer must never throw further. */
export async function safeRespond(respond: RespondFn, log: Logger, redactor: Redactor, text: string): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text: redactor.redact(text) });
  } catch (err) {
    log.warn({ err: describeError(err) }, 'could not answer through response_url');
  }
}
