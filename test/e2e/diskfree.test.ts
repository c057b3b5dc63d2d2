/**
 * `/ci diskfree [<node>]` (issue 16.2): seed 000's `nomad-diskfree` as a command, with the real free
 * space each client measures, what runs there and the verdict; `/ci nodes` flags drifted nodes and
 * `/ci node` shows the same disk total as the drift alert. The ALICE farm of the Nomad simulator:
 * alibuild10 runs Nomad 1.10.5 and was fingerprinted with 200 GiB free of its 1 TiB disk.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { startStack, type Stack } from '../support/stack.js';
import { ask, text } from './ask.js';

const DAVE = 'U0DAVE';
const GIB = 1024 ** 3;
const CLEANUP_10 = "`ssh -C alibuild10.cern.ch 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad'`";

describe('/ci diskfree on the ALICE farm', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => s?.close());

  it('lists the node whose Nomad-free disk is under the threshold, with its real free space, verdict and cleanup command', async () => {
    const answer = text(s, await ask(s, DAVE, 'diskfree', 'cannot take a CI builder (240.0G)'));
    expect(answer).toContain('💽 1 of 15 ready nodes cannot take a CI builder (240.0G)');
    expect(answer).toContain('1 needs cleanup now.');
    expect(answer).toContain(`Nothing runs on alibuild10: clean up now (seed 000, \`nomad-diskfree\`), then \`/ci diskfree\` again:\n${CLEANUP_10}`);
    expect(answer).toMatch(/NODE\s+NOMAD FREE\s+OF DISK\s+REAL FREE\s+RUNNING\s+VERDICT\s+WHY/);
    // Nomad's figure is the script's (bytesfree at agent start); the real one is what the client measures now.
    expect(answer).toMatch(/alibuild10\s+200\.0G\s+1006\.9G\s+956\.9G\s+0\s+needs cleanup now\s+Nomad counts less free than a builder asks/);
    expect(answer).not.toMatch(/alibuild04\s/);
  });

  it('answers for one node, with the allocations running there and the next step', async () => {
    const ten = await ask(s, DAVE, 'diskfree alibuild10', 'alibuild10: Nomad counts');
    expect(text(s, ten)).toContain('alibuild10: Nomad counts 200.0G free of 1006.9G; the disk has 956.9G free; 0 allocations running.');
    expect(text(s, ten)).toContain('⚠️ Nomad counts less free than a builder asks (a CI builder asks 240.0G): needs cleanup now.');
    expect(text(s, ten)).toContain(CLEANUP_10);
    expect(buttonsOf(ten).map((b) => [b.text, b.value])).toEqual([['Mark ineligible…', 'node ineligible alibuild10']]);
    const four = text(s, await ask(s, DAVE, 'diskfree alibuild04.cern.ch', 'alibuild04: Nomad counts'));
    expect(four).toContain('alibuild04: Nomad counts 1006.9G free of 1006.9G; the disk has 1006.9G free; 0 allocations running.');
    expect(four).toContain('✅ A CI builder (240.0G) fits here');
    await ask(s, DAVE, 'diskfree alibuild99', 'No node called `alibuild99`.');
    await ask(s, DAVE, 'diskfree alibuild01 alibuild02', 'Too many words: `alibuild02`. Usage: `/ci diskfree [<node>]`');
  });

  it('says to wait for builds where builders hold the disk', async () => {
    s.nomad.controls.scaleJob('ci-mesosci-slc9', 'ci', 12);
    await s.nomad.controls.settled();
    const answer = text(s, await ask(s, DAVE, 'diskfree', 'wait for builds'));
    const waiting = answer.split('\n').filter((l) => /wait for builds \(\d+ running\)/.test(l));
    expect(waiting.length).toBeGreaterThan(0);
    for (const row of waiting) expect(row).not.toMatch(/\s0\s+wait for builds/);
    expect(answer).toMatch(/alibuild10\s+200\.0G\s+1006\.9G\s+956\.9G\s+0\s+needs cleanup now/);
    expect(answer.match(/ssh -C/g)).toHaveLength(1); // only where nothing runs
  });

  it('/ci node shows the disk total the alert shows, the real free space, and the drift', async () => {
    const shown = text(s, await ask(s, DAVE, 'node alibuild10', 'alibuild10 · ready'));
    expect(shown).toContain("disk 1006.9G, Nomad's free 200.0G, free on the disk 956.9G");
    expect(shown).toContain(
      '⚠️ Disk accounting drift: Nomad counts less free than a builder asks (a CI builder asks 240.0G); needs cleanup now. `/ci diskfree alibuild10` has the cleanup.',
    );
  });

  it('is in /ci help', async () => {
    const help = text(s, await ask(s, DAVE, 'help', '/ci diskfree [<node>]'));
    expect(help).toContain('needs cleanup now / wait for builds');
  });
});

describe('/ci nodes and /ci diskfree agree with the disk-drift alerts', () => {
  let s: Stack;
  beforeEach(async () => {
    s = await startStack({ watch: { alerts: { defaultChannel: 'C0ALERTS', groupWaitMs: 50 }, disk: { checkIntervalMs: 200 } } });
  });
  afterEach(async () => s?.close());

  it("flags a node the watch found drifted, with the alert's figures", async () => {
    const alert = await eventually(() => s.read('C0ALERTS').find((t) => t.includes('Disk accounting drift on alibuild10')), 15_000, 'alibuild10 drift alert');
    expect(alert).toContain('Nomad thinks 200.0G free of 1006.9G');
    const node = text(s, await ask(s, DAVE, 'nodes alibuild10', 'alibuild10 · ready'));
    expect(node).toContain('disk 1006.9G'); // the alert's total, not the 200.0G Nomad fingerprinted

    // 800 GiB used outside Nomad's accounting on a current client: Nomad counts room the disk does not have.
    s.nomad.controls.setUntrackedDiskUsage('alibuild04', 800 * GIB);
    await eventually(() => s.read('C0ALERTS').some((t) => t.includes('alibuild04')), 15_000, 'alibuild04 drift alert');
    const nodes = text(s, await ask(s, DAVE, 'nodes', 'Disk accounting drift'));
    expect(nodes).toContain('alibuild04 (Nomad thinks 1006.9G free, the disk has 206.9G)');
    expect(nodes).toContain('alibuild10 (Nomad counts 200.0G free of 1006.9G, the disk has 956.9G; needs cleanup now)');
    expect(nodes).toMatch(/alibuild04\s.*1006\.9G \(drift\)/);
    expect(nodes).not.toContain('✅');
    const diskfree = text(s, await ask(s, DAVE, 'diskfree', 'cannot take a CI builder'));
    expect(diskfree).toMatch(/alibuild04\s+1006\.9G\s+1006\.9G\s+206\.9G\s+0\s+needs cleanup now\s+the disk has less free than Nomad counts/);
  });
});
