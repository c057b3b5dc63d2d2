/** Nomad's HTTP conventions: Go-style body decoding, query parsing, JSON and plain-text answers. */
import type { ServerResponse } from 'node:http';
import { sendText, type SimRequest } from '../../http/server.js';
import type { JsonObject } from '../types.js';
import { NomadHttpError } from './errors.js';

/** Go's encoding/json: an empty body is refused, keys match struct fields case-insensitively. */
export function decodeBody(req: SimRequest): JsonObject {
  if (req.rawBody.length === 0) throw new NomadHttpError(400, 'Request body is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.text);
  } catch {
    const first = req.text.trim().charAt(0);
    throw new NomadHttpError(400, `invalid character '${first}' looking for beginning of value`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new NomadHttpError(400, 'json: cannot unmarshal into Go value of type struct');
  }
  return parsed as JsonObject;
}

/** A member of a decoded body, matched case-insensitively like Go does. */
export function member(obj: JsonObject, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's `time.ParseDuration`, in milliseconds; undefined when invalid. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * (unit[m[2] ?? 's'] ?? 0);
    pos = re.lastIndex;
  }
  return pos > 0 ? total : undefined;
}

/** Go's strconv.ParseBool. */
export function parseBoolParam(value: string | null, name: string, dflt = false): boolean {
  if (value === null) return dflt;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw new NomadHttpError(500, `Failed to parse value of "${name}" (${value}) as a bool: strconv.ParseBool: parsing "${value}": invalid syntax`);
}

export const namespaceOf = (req: SimRequest): string => req.query.get('namespace') || 'default';

/** A JSON answer; `?pretty` indents it like the agent does. */
export function writeJson(req: SimRequest, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = req.query.has('pretty') ? JSON.stringify(body, null, 4) : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Headers a write sets (only the index). */
export const writeMeta = (index: number): Record<string, string> => ({ 'X-Nomad-Index': String(index) });

/** Headers every read sets (setMeta). */
export const readMeta = (index: number): Record<string, string> => ({
  'X-Nomad-Index': String(index),
  'X-Nomad-KnownLeader': 'true',
  'X-Nomad-LastContact': '0',
});

export function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof NomadHttpError) return sendText(res, err.status, err.body);
  throw err;
}
