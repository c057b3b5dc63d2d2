/** Shared by the VM end-to-end tests: a stack with OpenStack, people who type and click, waits on messages. */
import { expect } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack, type StackOptions } from '../support/stack.js';

export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';
export const DAVE = 'U0DAVE';

export const VM_YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    nomad-mutate: { request: ["@operators"], approve: ["@ci-admins"], channels: [C0CIOPS] }
    node: { request: ["@operators"], approve: ["@ci-admins"], channels: [C0CIOPS] }
    vm: { request: ["@operators"], approve: ["@ci-admins"], channels: [C0CIOPS] }
    destructive: { request: ["@operators"], approve: ["@ci-admins"], channels: [C0CIOPS] }
`;

export class VmWorld {
  constructor(readonly s: Stack) {}

  static async start(o: StackOptions = {}): Promise<VmWorld> {
    return new VmWorld(await startStack({ yaml: VM_YAML, openstack: {}, ...o }));
  }

  get os() {
    const os = this.s.openstack;
    if (!os) throw new Error('no OpenStack simulator in this stack');
    return os;
  }

  text(m: Parameters<typeof renderMessageText>[0]): string {
    return renderMessageText(m, namesFromStore(this.s.slack.store));
  }

  ephemeralsFor(user: string): string[] {
    return this.s.slack.store.ephemeralFor({ user }).map((e) => this.text(e));
  }

  async type(user: string, line: string): Promise<void> {
    const res = await this.s.driver.slashCommand({ userId: user, channelId: CHANNEL, text: line });
    expect(res.status).toBe(200);
  }

  /** The newest top-level message once its text satisfies `pred`. */
  waitForMessage(pred: (t: string) => boolean, what: string, timeoutMs = 10_000): Promise<StoredMessage> {
    return eventually(
      () => {
        const all = this.s.messages();
        const m = all[all.length - 1];
        return m && pred(this.text(m)) ? m : undefined;
      },
      timeoutMs,
      what,
    );
  }

  async press(user: string, m: StoredMessage, label: string): Promise<void> {
    const b = buttonsOf(m).find((x) => x.text.startsWith(label));
    expect(b, `button ${label}`).toBeDefined();
    const res = await this.s.driver.clickButton({ userId: user, channelId: CHANNEL, messageTs: m.ts, actionId: b!.actionId });
    expect(res.status).toBe(200);
  }

  /** Requests to the OpenStack simulator, e.g. `POST /compute/v2.1/servers/<id>/action`. */
  osRequests(method: string, pathPart: string | RegExp): number {
    return this.os.state.requests.filter((r) => r.method === method && (typeof pathPart === 'string' ? r.path.includes(pathPart) : pathPart.test(r.path)))
      .length;
  }

  close(): Promise<void> {
    return this.s.close();
  }
}
