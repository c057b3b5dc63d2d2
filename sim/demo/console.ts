/**
 * The demo's terminal Slack: type `/ci …` as the current user, `as bob` to switch, `approve`,
 * `reject` or `press <n>` to click. Messages print as readable text, and again when updated.
 */
import { buttonsOf, namesFromStore, renderMessageText, type SlackDriver, type SlackSim, type StoredMessage } from '../slack/index.js';

export interface ConsoleOptions {
  slack: SlackSim;
  driver: SlackDriver;
  channel: string;
  color: boolean;
  out(text: string): void;
  /** True while the bot still has work in flight (used to wait before the next scripted line). */
  busy(): Promise<boolean>;
  /** Extra console verbs (e.g. `sim …` scenario controls): returns text to print, or undefined if not handled. */
  extra?: (words: string[]) => Promise<string | undefined>;
}

const HELP = `Console commands:
  /ci <command>     type a slash command as the current user (try /ci help)
  as <user>         act as another user: alice (may request), bob or carol (may approve), dave
  approve | reject  press Approve / Reject on the latest message that has it
  press <n>         press button [n] of the latest message with buttons
  wait <seconds>    wait (scripts)
  sim help          change the simulated farm (nodes down, disk drift, failing builders) to see alerts
  quit              leave`;

export class DemoConsole {
  private user: { id: string; name: string };
  private readonly numbers = new Map<string, number>();
  private lastEventAt = Date.now();
  /** Set when a command or click was sent: the bot always answers one with some Slack event. */
  private awaitingReactionSince: number | undefined;

  constructor(private readonly o: ConsoleOptions) {
    this.user = this.findUser('alice')!;
    o.slack.events.on('message', (m: StoredMessage) => this.print(m, 'new'));
    o.slack.events.on('update', (m: StoredMessage) => this.print(m, 'updated'));
    o.slack.events.on('ephemeral', (e: StoredMessage & { user: string }) => {
      this.lastEventAt = Date.now();
      const who = this.o.slack.store.users.find((u) => u.id === e.user)?.name ?? e.user;
      this.o.out(`${this.dim(`── only visible to @${who} ──`)}\n${this.render(e)}\n`);
    });
  }

  get prompt(): string {
    return `${this.user.name}> `;
  }

  private findUser(nameOrId: string) {
    const key = nameOrId.replace(/^@/, '').toLowerCase();
    return this.o.slack.store.users.find((u) => u.name.toLowerCase() === key || u.id.toLowerCase() === key);
  }

  private dim(s: string) {
    return this.o.color ? `\u001b[2m${s}\u001b[0m` : s;
  }

  private render(m: Parameters<typeof renderMessageText>[0]): string {
    return renderMessageText(m, { ...namesFromStore(this.o.slack.store), color: this.o.color });
  }

  private print(m: StoredMessage, how: 'new' | 'updated') {
    this.lastEventAt = Date.now();
    if (!this.numbers.has(m.ts)) this.numbers.set(m.ts, this.numbers.size + 1);
    const channel = this.o.slack.store.channels.find((c) => c.id === m.channel)?.name ?? m.channel;
    const where = m.thread_ts && m.thread_ts !== m.ts ? ` · thread of message ${this.numbers.get(m.thread_ts) ?? '?'}` : '';
    this.o.out(`${this.dim(`── #${channel} · message ${this.numbers.get(m.ts)} (${how})${where} ──`)}\n${this.render(m)}\n`);
  }

  /** The newest message (in any channel) that has a button matching `pick`. */
  private latestWithButton(pick: (label: string) => boolean): StoredMessage | undefined {
    const all = [...this.numbers.keys()]
      .map((ts) => this.o.slack.store.channels.map((c) => this.o.slack.store.message(c.id, ts)).find(Boolean))
      .filter((m): m is StoredMessage => m !== undefined);
    return all.reverse().find((m) => buttonsOf(m).some((b) => pick(b.text)));
  }

  private async click(m: StoredMessage, index: number): Promise<string | undefined> {
    this.awaitingReactionSince = Date.now();
    const res = await this.o.driver.clickButton({ userId: this.user.id, channelId: m.channel, messageTs: m.ts, index });
    return res.status === 200 ? undefined : `The bot answered HTTP ${res.status} to the click.`;
  }

  /** Runs one console line; returns 'quit' to stop. */
  async run(line: string): Promise<'quit' | undefined> {
    const text = line.trim();
    if (!text || text.startsWith('#')) return undefined;
    const [verb = '', ...rest] = text.split(/\s+/);
    let problem: string | undefined;
    switch (verb.toLowerCase()) {
      case 'quit':
      case 'exit':
        return 'quit';
      case 'help':
      case '?':
        this.o.out(HELP);
        return undefined;
      case 'as': {
        const u = this.findUser(rest[0] ?? '');
        if (!u) problem = `No user "${rest[0] ?? ''}". Users: ${this.o.slack.store.users.map((x) => x.name).join(', ')}.`;
        else {
          this.user = u;
          this.o.out(this.dim(`(now acting as @${u.name})`));
        }
        break;
      }
      case 'approve':
      case 'reject': {
        const want = verb.toLowerCase() === 'approve' ? /^approve/i : /^reject/i;
        const m = this.latestWithButton((l) => want.test(l));
        if (!m) problem = `No message has a ${verb} button.`;
        else problem = await this.click(m, buttonsOf(m).find((b) => want.test(b.text))!.index);
        break;
      }
      case 'press': {
        const n = Number(rest[0]);
        const m = this.latestWithButton(() => true);
        const b = m && buttonsOf(m).find((x) => x.index === n);
        if (!m) problem = 'No message has buttons.';
        else if (!b) problem = `The latest message has buttons 1–${buttonsOf(m).length}.`;
        else problem = await this.click(m, n);
        break;
      }
      case 'wait':
        await new Promise((r) => setTimeout(r, Math.min(600, Math.max(0, Number(rest[0]) || 0)) * 1000));
        break;
      default:
        if (text.startsWith('/')) {
          const space = text.indexOf(' ');
          const command = space < 0 ? text : text.slice(0, space);
          // The app's manifest sets should_escape: Slack sends a mention of a known user as <@ID|name>.
          const args = (space < 0 ? '' : text.slice(space + 1)).replace(/(^|\s)@([a-z0-9._-]+)/gi, (m, pre: string, name: string) => {
            const u = this.findUser(name);
            return u ? `${pre}<@${u.id}|${u.name}>` : m;
          });
          this.awaitingReactionSince = Date.now();
          const res = await this.o.driver.slashCommand({ userId: this.user.id, channelId: this.o.channel, command, text: args });
          if (res.status !== 200) problem = `The bot answered HTTP ${res.status}${res.body ? `: ${res.body}` : ''}.`;
        } else {
          // A scenario change makes the watch post or update an alert: wait for it like for a command.
          if (verb.toLowerCase() === 'sim') this.awaitingReactionSince = Date.now();
          const handled = this.o.extra ? await this.o.extra(text.split(/\s+/)) : undefined;
          if (handled !== undefined) this.o.out(handled);
          else problem = `Unknown console command "${verb}". Type help.`;
        }
    }
    if (problem) this.o.out(`! ${problem}`);
    return undefined;
  }

  /** Waits until the bot is idle and Slack has been quiet for a moment (scripted mode). */
  async settle(maxMs = 60_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const since = this.awaitingReactionSince;
      if (since !== undefined && this.lastEventAt < since && Date.now() - since < 10_000) continue;
      this.awaitingReactionSince = undefined;
      if (Date.now() - this.lastEventAt < 400) continue;
      if (await this.o.busy()) continue;
      if (Date.now() - this.lastEventAt >= 400) return;
    }
  }
}
