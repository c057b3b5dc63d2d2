/**
 * response_url replies (reference B2): ephemeral by default, `in_channel` posts to the channel,
 * `replace_original` / `delete_original` act on the message the URL belongs to.
 * A URL answers 404 after its 5th use or 30 minutes after it was issued.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimRequest } from '../http/server.js';
import { sendJson } from '../http/server.js';
import { SlackApiFailure } from './api-failure.js';
import type { SimContext } from './context.js';
import { deleteMessage, postEphemeral, postMessage, replaceEphemeral, requireChannel, updateMessage } from './messages.js';
import type { EphemeralMessage } from './types.js';

export interface ResponseUrlLimits {
  maxUses: number;
  ttlMs: number;
}

export const defaultResponseUrlLimits: ResponseUrlLimits = { maxUses: 5, ttlMs: 30 * 60_000 };

interface Binding {
  channel: string;
  user: string;
  messageTs?: string | undefined;
  issuedAt: number;
  uses: number;
  /** The ephemeral this URL posted last, which a later `replace_original` replaces. */
  lastEphemeral?: EphemeralMessage;
}

/** What Bolt's `respond()` sends (`RespondArguments`). */
export const RespondBody = z.looseObject({
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  attachments: z.unknown().optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: z.boolean().optional(),
  delete_original: z.boolean().optional(),
  thread_ts: z.string().optional(),
});

export class ResponseUrls {
  private readonly bindings = new Map<string, Binding>();

  constructor(
    private readonly ctx: SimContext,
    private readonly limits: ResponseUrlLimits,
  ) {}

  /** With `ephemeral`, `messageTs` names an ephemeral message (a click inside it), which replies may replace. */
  issue(channel: string, user: string, messageTs?: string, ephemeral = false): string {
    const id = `${this.ctx.identity.teamId}/${this.bindings.size + 1}/${this.ctx.nextId()}`;
    const binding: Binding = { channel, user, issuedAt: this.ctx.now(), uses: 0 };
    if (!ephemeral) binding.messageTs = messageTs;
    const original = ephemeral ? this.ctx.store.ephemeral.find((e) => e.ts === messageTs && e.user === user) : undefined;
    if (original) binding.lastEphemeral = original;
    this.bindings.set(id, binding);
    return `${this.ctx.url}/response/${id}`;
  }

  async handle(req: SimRequest, res: ServerResponse): Promise<void> {
    const binding = this.bindings.get(req.params['id'] ?? '');
    if (!binding) return sendJson(res, 404, { ok: false, error: 'invalid_url' });
    if (this.ctx.now() - binding.issuedAt > this.limits.ttlMs) return sendJson(res, 404, { ok: false, error: 'expired_url' });
    if (binding.uses >= this.limits.maxUses) return sendJson(res, 404, { ok: false, error: 'used_url' });
    binding.uses += 1;
    let raw: unknown;
    try {
      raw = JSON.parse(req.text);
    } catch {
      return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
    }
    const body = RespondBody.safeParse(raw);
    if (!body.success) return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
    try {
      this.apply(binding, body.data);
      sendJson(res, 200, { ok: true });
    } catch (err) {
      if (err instanceof SlackApiFailure) return sendJson(res, 400, err.toBody());
      throw err;
    }
  }

  private apply(binding: Binding, body: z.infer<typeof RespondBody>): void {
    const channel = requireChannel(this.ctx, binding.channel);
    if (body.delete_original) {
      if (binding.messageTs) deleteMessage(this.ctx, channel, binding.messageTs);
      return;
    }
    if (body.replace_original && binding.messageTs) {
      // Unlike chat.update, a replacement is the whole message: absent blocks are removed.
      updateMessage(this.ctx, channel, binding.messageTs, { ...body, text: body.text ?? '', blocks: body.blocks ?? [] });
      return;
    }
    if (body.response_type === 'in_channel') {
      postMessage(this.ctx, channel, body);
      return;
    }
    if (body.replace_original && binding.lastEphemeral) {
      replaceEphemeral(this.ctx, binding.lastEphemeral, body);
      return;
    }
    binding.lastEphemeral = postEphemeral(this.ctx, channel, binding.user, body, 'response_url');
  }
}
