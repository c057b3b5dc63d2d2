/**
 * Issue 16 item 11: typed at a terminal, the demo shows a prompt and echoes what is typed, and a
 * message arriving mid-line is printed above the prompt without losing the half-typed line.
 * First the readline wiring on streams that say they are a TTY, then the real demo on a pty.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Terminal, type LineConsole } from '../../sim/demo/terminal.js';
import { eventually } from '../support/eventually.js';
import { spawnDemo } from './demo-process.js';

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

function fakeTty() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
  let written = '';
  output.on('data', (c: Buffer) => (written += c.toString('utf8')));
  const lines: string[] = [];
  const console_: LineConsole = {
    prompt: 'alice> ',
    run: async (line) => {
      lines.push(line);
      return line === 'quit' ? 'quit' : undefined;
    },
    settle: async () => undefined,
  };
  return { input, output, lines, console_, screen: () => written.replace(ANSI, '') };
}

describe('the demo console at a terminal (readline on a TTY)', () => {
  it('prompts, echoes the typing, and runs the line on Enter', async () => {
    const t = fakeTty();
    const done = new Terminal({ input: t.input, output: t.output, interactive: true }).run(t.console_, () => undefined);
    await eventually(() => t.screen().includes('alice> '), 5_000, 'the prompt');
    t.input.write('/ci whoami');
    await eventually(() => t.screen().includes('alice> /ci whoami'), 5_000, 'the echo');
    t.input.write('\r');
    await eventually(() => t.lines.length === 1, 5_000, 'the line to run');
    expect(t.lines).toEqual(['/ci whoami']);
    t.input.write('quit\r');
    await done;
  });

  it('prints a message that arrives mid-line above the prompt and redraws the half-typed line', async () => {
    const t = fakeTty();
    const terminal = new Terminal({ input: t.input, output: t.output, interactive: true });
    const done = terminal.run(t.console_, () => undefined);
    t.input.write('/ci sca');
    await eventually(() => t.screen().includes('alice> /ci sca'), 5_000, 'the echo');
    const before = t.screen().length;
    terminal.print('── #ci-alerts · message 1 (new) ──\n🔴 Node down: alibuild07');
    await eventually(() => t.screen().slice(before).includes('alice> /ci sca'), 5_000, 'the redrawn line');
    const after = t.screen().slice(before);
    expect(after.indexOf('Node down')).toBeLessThan(after.indexOf('alice> /ci sca'));
    t.input.write('le mesosci-cs8 10\r');
    await eventually(() => t.lines.length === 1, 5_000, 'the line to run');
    expect(t.lines).toEqual(['/ci scale mesosci-cs8 10']);
    t.input.end();
    await done;
  });

  it('treats Ctrl-C as a request to stop (raw mode turns it into a key, not a signal)', async () => {
    const t = fakeTty();
    let interrupted = 0;
    const done = new Terminal({ input: t.input, output: t.output, interactive: true }).run(t.console_, () => void interrupted++);
    t.input.write('\u0003');
    await eventually(() => interrupted === 1, 5_000, 'the interrupt');
    t.input.end();
    await done;
  });
});

describe('the demo typed at a real pseudo-terminal', () => {
  it('shows the prompt, echoes the command, answers it, and Ctrl-C stops it', async () => {
    const demo = spawnDemo({ pty: true });
    await demo.waitFor(/alice> /, { timeoutMs: 60_000 });
    demo.write('/ci whoami\r');
    // The prompt, then the typing echoed after it (readline puts the cursor back after the prompt first).
    await demo.waitFor(/alice> \/ci whoami\r/);
    await demo.waitFor(/You are @alice/);
    demo.write('\u0003');
    expect(await demo.exited).toBe(130);
  }, 90_000);
});
