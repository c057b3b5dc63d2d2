/** `/ci vm delete` end to end: refused while Nomad runs allocations there; deletes the volumes too. */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, VmWorld } from './vm-helpers.js';

let w: VmWorld;
afterEach(async () => w?.close());

describe('/ci vm delete', () => {
  it('refuses while the Nomad node runs allocations, pointing to drain and retire', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm delete alibuild07');
    const refused = await w.waitForMessage((t) => t.includes('delete alibuild07'), 'refusal');
    const shown = w.text(refused);
    // A refused pre-check reads as refused (issue 16.4), once.
    expect(shown.split('\n')[0]).toBe('🚫 Refused: delete alibuild07 and its volumes');
    expect(shown).not.toContain('❌');
    expect(shown.match(/Refused/g)).toHaveLength(1);
    expect(shown).toMatch(/• Nomad node alibuild07 runs \d+ allocations?: ci-mesosci-cs8/);
    expect(shown).toContain('`/ci node retire alibuild07`');
    expect(w.os.state.server('alibuild07')).toBeDefined();
  });

  it('lists the attached volumes in the plan and deletes them after the server', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm delete alibuild12');
    const plan = await w.waitForMessage((t) => t.includes('Plan: delete alibuild12 and 1 volume'), 'plan');
    expect(w.text(plan)).toContain('Cinder: delete volume alibuild12-store (1000 GB io1, /dev/vdb)');
    expect(w.text(plan)).toContain('✅ Nomad node alibuild12 (ready, eligible) runs no allocation');
    await w.press(BOB, plan, 'Approve');
    const done = await w.waitForMessage((t) => t.includes('Applied: alibuild12 deleted with 1 volume'), 'deleted');
    expect(w.text(done)).toContain('server alibuild12 deleted · volume alibuild12-store deleted');
    expect(w.os.state.server('alibuild12')).toBeUndefined();
    expect(w.os.state.volume('alibuild12-store')).toBeUndefined();
  });
});
