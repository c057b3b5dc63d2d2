/**
 * The scripted demo as a newcomer runs it (`npm run -s demo` with lines on a pipe): one demo for the
 * whole file, fed a line at a time, and what it prints is what is asserted.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnDemo, type DemoRun } from './demo-process.js';

let demo: DemoRun;
/** A copy of examples/ci-jobs the test may edit (the checkout's own files are shared with other tests). */
const declarations = mkdtempSync(join(tmpdir(), 'ci-chatops-demo-decl-'));
let banner = '';

/** Sends one console line and waits until what follows it matches `until`; returns what followed. */
async function send(line: string, until: RegExp): Promise<string> {
  const from = demo.output().length;
  demo.write(`${line}\n`);
  await demo.waitFor(until, { from });
  return demo.output().slice(from);
}

beforeAll(async () => {
  cpSync(join(ROOT, 'examples/ci-jobs'), declarations, { recursive: true });
  demo = spawnDemo({ viaNpm: true, args: ['--declarations', declarations] });
  banner = await demo.waitFor(/Type "help"/, { timeoutMs: 60_000 });
  // The disk-drift alert of the demo farm arrives a few seconds in; wait so it is not the newest message below.
  await demo.waitFor(/#ci-alerts · message \d+ \(new\)/);
}, 90_000);

afterAll(async () => {
  demo.child.stdin!.end();
  await demo.exited;
  rmSync(declarations, { recursive: true, force: true });
}, 60_000);

describe('press reaches private messages (issue 16 item 12)', () => {
  it('numbers the private list under /ci logs and presses it, saying which message it pressed', async () => {
    const list = await send('/ci logs ci-mesosci-cs8', /\[8\] #8/);
    const n = /── only visible to @alice · message (\d+) \(new\) ──\nci-mesosci-cs8 has 8 allocations/.exec(list)?.[1];
    expect(n).toBeDefined();
    const label = /\[3\] (#3 \w+ (alibuild\d+))/.exec(list);
    expect(label).not.toBeNull();
    const pressed = await send('press 3', /Last \d+ lines of the stderr/);
    expect(pressed).toContain(`(@alice pressed [3] ${label![1]} on message ${n} (only visible to @alice))`);
    expect(pressed).toMatch(new RegExp(`Last \\d+ lines of the stderr of continuous-builder in ci-mesosci-cs8\\.ci\\[2\\] \\(alloc \\w+ on ${label![2]}`));
  });

  it('presses a button of an older private message by its number: /ci node’s buttons', async () => {
    const view = await send('/ci node alibuild01', /\[2\] Mark ineligible…/);
    const n = /only visible to @alice · message (\d+) \(new\) ──\nalibuild01 · /.exec(view)?.[1];
    expect(n).toBeDefined();
    await send('/ci whoami', /You are @alice/);
    const pressed = await send(`press 2 on ${n}`, /📋 Plan: mark ineligible alibuild01/);
    expect(pressed).toContain(`(@alice pressed [2] Mark ineligible… on message ${n} (only visible to @alice))`);
    const answer = await send(`press 9 on ${n}`, /^! /m);
    expect(answer).toContain(`! Message ${n} (only visible to @alice) has buttons 1–2; there is no [9].`);
  });

  it('does not let another user press a private message, and says whose it is', async () => {
    const list = await send('/ci logs ci-mesosci-cs8', /\[8\] #8/);
    const n = /only visible to @alice · message (\d+) \(new\)/.exec(list)?.[1];
    await send('as bob', /now acting as @bob/);
    const refused = await send(`press 1 on ${n}`, /^! /m);
    expect(refused).toContain(`! Message ${n} is only visible to @alice: type "as alice" first.`);
    const none = await send('press 1 on 999', /^! /m);
    expect(none).toContain('! There is no message 999.');
    expect(await send('press the red one', /^! /m)).toContain('! Usage: press <button> [on <message>]');
    // bob's newest pressable message is the plan alice's click above posted (Approve / Reject in #ci-ops).
    const rejected = await send('reject', /🚫 Rejected: mark ineligible alibuild01/);
    expect(rejected).toMatch(/\(@bob pressed \[2\] Reject on message \d+ in #ci-ops\)/);
    expect(await send('approve', /^! /m)).toContain('! No message you (@bob) can see has an Approve button.');
    await send('as alice', /now acting as @alice/);
  });
});

describe('/ci plan reads the declarations the person edits (issue 16 item 14)', () => {
  it('says which directory it plans from, and an edit made while the demo runs shows in /ci plan', async () => {
    expect(banner).toContain(`Declarations: ${declarations} — /ci plan and /ci deploy read these files as they are now`);
    const before = await send('/ci plan ci/mesosci-cs8', /Plan of ci\/mesosci-cs8/);
    expect(before).toContain('✅ ci/mesosci-cs8 → ci-mesosci-cs8: unchanged');
    const varFile = join(declarations, 'ci/mesosci-cs8.yaml');
    writeFileSync(varFile, readFileSync(varFile, 'utf8').replace('num_builders: 8', 'num_builders: 9'));
    const after = await send('/ci plan ci/mesosci-cs8', /Plan of ci\/mesosci-cs8[\s\S]*Job Modify Index/);
    expect(after).toContain('Count: "8" => "9"');
  });
});
