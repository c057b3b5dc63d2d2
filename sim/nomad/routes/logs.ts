/**
 * `GET /v1/client/fs/logs/:alloc_id` (command/agent/fs_endpoint.go Logs): the 400 texts of the
 * handler, `plain=true` raw bytes, otherwise StreamFrames written back to back with no delimiter,
 * a `{}` heartbeat first, at most 64 KiB of data per frame, `Offset` = file position after the data.
 */
import type { SimRouter } from '../../http/server.js';
import type { LogType } from '../engine/task-logs.js';
import { NomadHttpError } from '../http/errors.js';
import { guarded, type RouteContext } from './common.js';

const FRAME_BYTES = 64 * 1024;

function goBool(value: string | null, field: string): boolean {
  if (value === null || value === '') return false;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw new NomadHttpError(400, `failed to parse ${field} field to boolean: strconv.ParseBool: parsing "${value}": invalid syntax`);
}

export function logRoutes(router: SimRouter, ctx: RouteContext): void {
  const { core } = ctx;
  router.on(
    'GET',
    '/v1/client/fs/logs/:id',
    guarded(ctx, 'read', (req, res) => {
      const q = req.query;
      const task = q.get('task') ?? '';
      if (task === '') throw new NomadHttpError(400, 'must provide task name');
      const type = q.get('type') ?? '';
      if (type !== 'stdout' && type !== 'stderr') throw new NomadHttpError(400, 'must provide log type (stdout/stderr)');
      goBool(q.get('follow'), 'follow');
      const plain = goBool(q.get('plain'), 'plain');
      const offsetText = q.get('offset') ?? '';
      if (offsetText !== '' && !/^-?\d+$/.test(offsetText)) {
        throw new NomadHttpError(400, `error parsing offset: strconv.ParseInt: parsing "${offsetText}": invalid syntax`);
      }
      const offset = offsetText === '' ? 0 : Number(offsetText);
      const origin = q.get('origin') || 'start';
      if (origin !== 'start' && origin !== 'end') throw new NomadHttpError(400, 'origin must be start or end');

      const alloc = core.state.allocs.get(req.params.id ?? '');
      if (!alloc) throw new NomadHttpError(404, 'Unknown allocation');
      if (!(task in alloc.TaskStates)) throw new NomadHttpError(400, `unknown task name "${task}"`);
      if (core.logs.isDisabled(alloc, task)) throw new NomadHttpError(404, `log streaming disabled for task "${task}"`);

      const file = core.logs.bytes(alloc, task, type as LogType);
      const from = origin === 'end' ? Math.max(0, file.length - offset) : Math.min(file.length, Math.max(0, offset));
      const data = file.subarray(from);
      if (plain) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(data);
        return;
      }
      const name = `alloc/logs/${task}.${type}.0`;
      const frames: string[] = ['{}'];
      for (let at = 0; at < data.length; at += FRAME_BYTES) {
        const chunk = data.subarray(at, at + FRAME_BYTES);
        frames.push(JSON.stringify({ Offset: from + at + chunk.length, Data: chunk.toString('base64'), File: name }));
        if (at + FRAME_BYTES < data.length) frames.push('{}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(frames.join(''));
    }),
  );
}
