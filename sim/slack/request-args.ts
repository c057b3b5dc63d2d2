/**
 * Decodes a Web API request body the three ways `@slack/web-api` and others send it:
 * form-encoded (non-scalar values JSON-stringified), JSON, and multipart.
 */
import type { z } from 'zod';
import type { SimRequest } from '../http/server.js';
import { SlackApiFailure } from './api-failure.js';
import type { ApiArgs } from './context.js';
import { isObject } from './validate-blocks.js';

export interface DecodedBody {
  args: ApiArgs;
  /** Multipart file fields, by field name. */
  files: Map<string, Buffer>;
}

export async function decodeBody(req: SimRequest): Promise<DecodedBody> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const files = new Map<string, Buffer>();
  if (req.rawBody.length === 0) return { args: Object.fromEntries(req.query), files };
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.text);
    } catch {
      throw new SlackApiFailure('invalid_json');
    }
    if (!isObject(parsed)) throw new SlackApiFailure('invalid_json');
    return { args: parsed, files };
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(req.rawBody), { headers: { 'content-type': type } }).formData();
    const args: ApiArgs = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') args[key] = value;
      else files.set(key, Buffer.from(await value.arrayBuffer()));
    }
    return { args, files };
  }
  if (type.startsWith('application/x-www-form-urlencoded') || type === '') {
    return { args: Object.fromEntries(new URLSearchParams(req.text)), files };
  }
  throw new SlackApiFailure('invalid_form_data');
}

/** Checks arguments against a method's schema; a mismatch is Slack's `invalid_arguments`. */
export function parseArgs<S extends z.ZodType>(schema: S, args: ApiArgs): z.infer<S> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map((i) =>
    i.code === 'invalid_type' && i.input === undefined
      ? `[ERROR] missing required field: ${i.path.join('.')}`
      : `[ERROR] ${i.message} [json-pointer:/${i.path.join('/')}]`,
  );
  throw new SlackApiFailure('invalid_arguments', messages);
}

/** A non-scalar argument that may arrive JSON-stringified (form) or as a value (JSON body). */
export function jsonArg(raw: unknown, error = 'invalid_arguments'): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new SlackApiFailure(error, ['[ERROR] failed to parse JSON argument']);
  }
}
