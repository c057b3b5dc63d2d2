/**
 * Starts the bot as a child process (test/faults/bot-runner.ts) and kills it for real: SIGKILL,
 * no cleanup. Every line it logs is kept for the assertions and the secrets scan.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FaultPoint } from './fault-points.js';
import type { RunnerConfig } from './bot-runner.js';

const RUNNER = fileURLToPath(new URL('./bot-runner.ts', import.meta.url));

export interface BotProcess {
  port: number;
  pid: number;
  /** The port of /readyz and /metrics. */
  metricsPort: number;
  /** The lines this process logged (`lines` has every process's). */
  lines: string[];
  /** Resolves with the signal or exit code when the process ends (a fault point ends it with SIGKILL). */
  exited: Promise<string>;
  kill9(): Promise<string>;
  stop(): Promise<string>;
}

/** Spawns one bot; `lines` receives its log lines (shared across restarts). `nodeFlags` go to node itself (heap size). */
export async function spawnBot(config: RunnerConfig, lines: string[], faultPoint?: FaultPoint, nodeFlags: readonly string[] = []): Promise<BotProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, CHATOPS_FAULT_BOT: JSON.stringify(config) };
  if (faultPoint) env.CHATOPS_FAULT_POINT = faultPoint;
  else delete env.CHATOPS_FAULT_POINT;
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', RUNNER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  const own: string[] = [];
  const started = await new Promise<{ port: number; metricsPort: number }>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`bot did not start within 90 s:\n${lines.slice(-5).join('\n')}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        own.push(line);
        if (line.includes('"ci-chatops started"')) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as { port: number; metricsPort: number });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`bot exited (${how}) before it started:\n${lines.slice(-5).join('\n')}`));
    });
  });
  return { ...started, pid: child.pid!, lines: own, exited, kill9: () => end(child, 'SIGKILL', exited), stop: () => end(child, 'SIGTERM', exited) };
}

function end(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<string>): Promise<string> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return exited;
}
