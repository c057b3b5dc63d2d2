/**
 * The demo as a newcomer runs it: a child process fed on stdin (a pipe, or a pseudo-terminal through
 * util-linux `script`), whose output the test reads as it arrives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface DemoRun {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr), colours removed. */
  output(): string;
  /** Resolves with the output once it matches `pattern` after `from` characters (default: anywhere). */
  waitFor(pattern: RegExp, opts?: { from?: number; timeoutMs?: number }): Promise<string>;
  write(text: string): void;
  /** Resolves with the exit code (or the signal's name) once its output is closed. */
  exited: Promise<number | string>;
}

export interface DemoSpawn {
  args?: string[];
  env?: Record<string, string>;
  /** Run under a pseudo-terminal, as a person typing at a terminal would. */
  pty?: boolean;
  /** `npm run -s demo --` instead of tsx directly (what the README tells people to type). */
  viaNpm?: boolean;
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function spawnDemo(o: DemoSpawn = {}): DemoRun {
  const args = o.args ?? [];
  const env = { ...process.env, REDIS_URL, ...o.env };
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  // As package.json runs it: one Node process with tsx's loader (tsx's CLI would put a second process in
  // front that SIGKILLs the demo when it does not confirm a signal within 30 ms, skipping the cleanup).
  const command = o.viaNpm ? ['npm', 'run', '-s', 'demo', '--', ...args] : [process.execPath, '--import', 'tsx', 'sim/demo/main.ts', ...args];
  // `script -qfec CMD /dev/null`: CMD on a new pty, our pipe forwarded as its keyboard, its exit code returned.
  const child = o.pty
    ? spawn('script', ['-qfec', command.map(quote).join(' '), '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(command[0]!, command.slice(1), { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8').replace(ANSI, '');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string>((done) => child.on('close', (code, signal) => done(code ?? signal ?? -1)));
  return {
    child,
    output: () => text,
    write: (s) => void child.stdin!.write(s),
    exited,
    waitFor(pattern, { from = 0, timeoutMs = 30_000 } = {}) {
      return new Promise((done, fail) => {
        const check = () => {
          if (!pattern.test(text.slice(from))) return;
          cleanup();
          done(text);
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`no ${pattern} within ${timeoutMs} ms; the demo printed:\n${text.slice(from).slice(-3000)}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          fail(new Error(`the demo exited before printing ${pattern}; it printed:\n${text.slice(from).slice(-3000)}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('close', onExit);
        };
        listeners.add(check);
        child.on('close', onExit);
        check();
      });
    },
  };
}
