/**
 * The demo's two ways of reading lines. At a terminal: a prompt, the person's typing echoed, and
 * messages that arrive while they type printed above the prompt line without losing what they typed.
 * From a pipe: each line is printed after the prompt, run, and the bot's work waited for.
 */
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';

/** What the terminal drives: the console of sim/demo/console.ts. */
export interface LineConsole {
  readonly prompt: string;
  run(line: string): Promise<'quit' | undefined>;
  settle(): Promise<void>;
}

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person at a terminal (stdin and stdout are TTYs), not a script. */
  interactive: boolean;
}

export class Terminal {
  private rl: Interface | undefined;
  /** True while the prompt is on screen waiting for a line. */
  private atPrompt = false;

  constructor(private readonly io: TerminalIo) {}

  /** Prints a block of text; at the prompt, above it, then redraws the prompt with the half-typed line. */
  readonly print = (text: string): void => {
    if (!this.rl || !this.atPrompt) {
      this.io.output.write(`${text}\n`);
      return;
    }
    clearLine(this.io.output, 0);
    cursorTo(this.io.output, 0);
    this.io.output.write(`${text}\n`);
    this.rl.prompt(true);
  };

  /**
   * Reads lines until `quit`, end of input (Ctrl-D or the end of a script), or Ctrl-C at the
   * terminal, which calls `onInterrupt` (in raw mode Ctrl-C is a key, not a signal).
   */
  async run(console_: LineConsole, onInterrupt: () => void): Promise<void> {
    if (!this.io.interactive) return this.runScript(console_);
    const rl = createInterface({ input: this.io.input, output: this.io.output, terminal: true, historySize: 500 });
    this.rl = rl;
    rl.on('SIGINT', () => {
      this.atPrompt = false;
      this.io.output.write('\n');
      onInterrupt();
    });
    const ask = () => {
      rl.setPrompt(console_.prompt);
      this.atPrompt = true;
      rl.prompt();
    };
    ask();
    for await (const line of rl) {
      this.atPrompt = false;
      if ((await console_.run(line)) === 'quit') break;
      ask();
    }
    this.atPrompt = false;
    this.rl = undefined;
    rl.close();
  }

  private async runScript(console_: LineConsole): Promise<void> {
    const rl = createInterface({ input: this.io.input, terminal: false });
    for await (const line of rl) {
      const text = line.trim();
      if (text && !text.startsWith('#')) this.print(`${console_.prompt}${text}`);
      if ((await console_.run(line)) === 'quit') break;
      await console_.settle();
    }
    rl.close();
    await console_.settle();
  }
}
