/**
 * What each task wrote to stdout and stderr (the files under `alloc/logs/`). Tests seed the
 * text; otherwise a builder-like log is made up from the allocation, the same every time.
 */
import type { NomadAllocation } from '../types.js';

export type LogType = 'stdout' | 'stderr';

const key = (allocId: string, task: string, type: LogType) => `${allocId}/${task}/${type}`;

export class TaskLogs {
  private readonly files = new Map<string, Buffer>();
  private readonly disabled = new Set<string>();

  set(allocId: string, task: string, type: LogType, text: string): void {
    this.files.set(key(allocId, task, type), Buffer.from(text, 'utf8'));
  }

  append(allocId: string, task: string, type: LogType, text: string): void {
    const k = key(allocId, task, type);
    this.files.set(k, Buffer.concat([this.files.get(k) ?? Buffer.alloc(0), Buffer.from(text, 'utf8')]));
  }

  /** As if the task's `logs { disabled = true }`: the endpoint answers 404. */
  disable(allocId: string, task: string): void {
    this.disabled.add(`${allocId}/${task}`);
  }

  isDisabled(a: NomadAllocation, task: string): boolean {
    if (this.disabled.has(`${a.ID}/${task}`)) return true;
    const spec = a.Job.TaskGroups.find((g) => g.Name === a.TaskGroup)?.Tasks.find((t) => t.Name === task);
    return (spec?.LogConfig as { Disabled?: boolean } | undefined)?.Disabled === true;
  }

  bytes(a: NomadAllocation, task: string, type: LogType): Buffer {
    const k = key(a.ID, task, type);
    let file = this.files.get(k);
    if (!file) {
      file = Buffer.from(madeUpLog(a, task, type), 'utf8');
      this.files.set(k, file);
    }
    return file;
  }
}

/** A continuous-builder-like log: `bash -exc` traces on stderr, progress on stdout. */
function madeUpLog(a: NomadAllocation, task: string, type: LogType): string {
  if (a.ClientStatus === 'pending') return '';
  const lines: string[] = [];
  // Ends now, one line every 7 s: a log that was being written while the builder ran.
  const end = Math.max(Math.floor(a.CreateTime / 1e6), Date.now());
  const stamp = (i: number) => new Date(end - (399 - i) * 7_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const builder = task === 'continuous-builder';
  for (let i = 0; i < 400; i++) {
    const pr = 8000 + ((i * 37) % 900);
    if (!builder) {
      lines.push(
        `${stamp(i)} ${task}[${1000 + (i % 7)}]: ${type === 'stderr' ? `warning: client 10.162.34.${100 + (i % 12)} closed the connection` : `served ${10 + (i % 90)} files`}`,
      );
    } else if (type === 'stderr') {
      lines.push(
        i % 4 === 0 ? `+ ali-bot/ci/build-helpers.sh check_pr alisw/alidist#${pr}` : `+ echo '${stamp(i)} ${task}: waiting for PR alisw/alidist#${pr}'`,
      );
    } else {
      lines.push(`${stamp(i)} ${a.Name}: ${i % 5 === 0 ? `building alisw/alidist#${pr}` : 'nothing to do, sleeping 60s'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
