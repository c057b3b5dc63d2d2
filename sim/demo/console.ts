/**
 * The demo's terminal Slack: type `/ci …` as the current user, `as bob` to switch, `approve`,
 * `reject` or `press <n>` to click. Messages print as readable text, and again when updated.
 */
import {
  namesFromStore,
  renderMessageText,
  type EphemeralMessage,
  type MessageButton,
  type SlackDriver,
  type SlackSim,
  type StoredMessage,
} from '../slack/index.js';
import { parsePress } from './press.js';
import { ShownMessages, type Pressable, type Shown } from './shown.js';
import { planWait } from './wait.js';

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
  approve | reject  press Approve / Reject on the newest message that has it
  press <n>         press button [n] of the newest message with buttons you can see (private ones too)
  press <n> on <m>  press button [n] of message <m>
  wait <seconds>    wait, e.g. past a plan's expiry (also 90s, 2m; at most 10 min)
  sim help          change the simulated farm (nodes down, disk drift, failing builders) to see alerts
  quit              leave`;

export class DemoConsole {
  private user: { id: string; name: string };
  private readonly shown: ShownMessages;
  private lastEventAt = Date.now();
  /** Set when a command or click was sent: the bot always answers one with some Slack event. */
  private awaitingReactionSince: number | undefined;

  constructor(private readonly o: ConsoleOptions) {
    this.user = this.findUser('alice')!;
    this.shown = new ShownMessages(o.slack.store);
    o.slack.events.on('message', (m: StoredMessage) => this.print(m, 'new'));
    o.slack.events.on('update', (m: StoredMessage) => this.print(m, 'updated'));
    o.slack.events.on('ephemeral', (e: EphemeralMessage) => this.printPrivate(e));
    o.slack.events.on('delete', (d: { channel: string; ts: string }) => {
      const n = this.shown.numberOf(d.channel, d.ts);
      if (n !== undefined) this.o.out(this.dim(`── message ${n} was deleted ──`));
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

  private nameOf(userId: string): string {
    return this.o.slack.store.user(userId)?.name ?? userId;
  }

  private channelName(id: string): string {
    return this.o.slack.store.channel(id)?.name ?? id;
  }

  private print(m: StoredMessage, how: 'new' | 'updated') {
    this.lastEventAt = Date.now();
    const { n } = this.shown.number(m);
    const parent = m.thread_ts && m.thread_ts !== m.ts ? this.shown.numberOf(m.channel, m.thread_ts) : undefined;
    const where = m.thread_ts && m.thread_ts !== m.ts ? ` · thread of message ${parent ?? '?'}` : '';
    this.o.out(`${this.dim(`── #${this.channelName(m.channel)} · message ${n} (${how})${where} ──`)}\n${this.render(m)}\n`);
  }

  /** A private (ephemeral) message: numbered like the others, since its buttons can be pressed too. */
  private printPrivate(e: EphemeralMessage) {
    this.lastEventAt = Date.now();
    const { n } = this.shown.number(e, e.user);
    const how = e.versions.length ? 'updated' : 'new';
    this.o.out(`${this.dim(`── only visible to @${this.nameOf(e.user)} · message ${n} (${how}) ──`)}\n${this.render(e)}\n`);
  }

  /** "message 4 in #ci-ops" or "message 7 (only visible to @alice)". */
  private describe(s: Shown): string {
    return s.user ? `message ${s.n} (only visible to @${this.nameOf(s.user)})` : `message ${s.n} in #${this.channelName(s.channel)}`;
  }

  /** Presses a button, saying first which one on which message, then what the bot answered if it was not OK. */
  private async click(target: Pressable, button: MessageButton): Promise<string | undefined> {
    this.o.out(this.dim(`(@${this.user.name} pressed [${button.index}] ${button.text} on ${this.describe(target.shown)})`));
    this.awaitingReactionSince = Date.now();
    const { channel, ts } = target.shown;
    const res = await this.o.driver.clickButton({ userId: this.user.id, channelId: channel, messageTs: ts, index: button.index });
    return res.status === 200 ? undefined : `The bot answered HTTP ${res.status} to the click.`;
  }

  /** `press <n>` or `press <n> on <m>`: which message, which button, or why not. */
  private async press(args: string[]): Promise<string | undefined> {
    const req = parsePress(args);
    if (typeof req === 'string') return req;
    const you = `@${this.user.name}`;
    let target: Pressable | undefined;
    if (req.message === undefined) {
      target = this.shown.latest(this.user.id);
      if (!target) return `No message you (${you}) can see has buttons.`;
    } else {
      const shown = this.shown.get(req.message);
      if (!shown) return `There is no message ${req.message}.`;
      if (shown.user && shown.user !== this.user.id)
        return `Message ${req.message} is only visible to @${this.nameOf(shown.user)}: type "as ${this.nameOf(shown.user)}" first.`;
      target = { shown, buttons: this.shown.buttons(shown) };
      if (!target.buttons.length) {
        const others = this.shown.withButtons(this.user.id);
        return `Message ${req.message} has no buttons${others.length ? ` (messages with buttons: ${others.join(', ')})` : ''}.`;
      }
    }
    const button = target.buttons.find((b) => b.index === req.button);
    if (!button) return `${this.describe(target.shown).replace(/^m/, 'M')} has buttons 1–${target.buttons.length}; there is no [${req.button}].`;
    return this.click(target, button);
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
        const target = this.shown.latest(this.user.id, (b) => want.test(b.text));
        if (!target) problem = `No message you (@${this.user.name}) can see has ${verb.toLowerCase() === 'approve' ? 'an Approve' : 'a Reject'} button.`;
        else problem = await this.click(target, target.buttons.find((b) => want.test(b.text))!);
        break;
      }
      case 'press':
        problem = await this.press(rest);
        break;
      case 'wait': {
        const wait = planWait(rest[0]);
        if (typeof wait === 'string') problem = wait;
        else {
          if (wait.note) this.o.out(this.dim(wait.note));
          await new Promise((r) => setTimeout(r, wait.ms));
        }
        break;
      }
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
      // The bot answers every command and click; on a busy machine the first answer can take a while.
      if (since !== undefined && this.lastEventAt < since && Date.now() - since < 30_000) continue;
      this.awaitingReactionSince = undefined;
      if (Date.now() - this.lastEventAt < 400) continue;
      if (await this.o.busy()) continue;
      if (Date.now() - this.lastEventAt >= 400) return;
    }
  }
}
