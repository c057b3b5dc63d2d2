/** `/ci why <job>` end to end: blocked evaluations in plain words, with the disk-accounting hint. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { ask, text } from './ask.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());

describe('/ci why', () => {
  it('says nothing waits when the job has no blocked evaluation', async () => {
    await ask(s, 'U0DAVE', 'why mesosci-cs8', 'Nothing of ci-mesosci-cs8 is waiting for placement');
  });

  it('explains a blocked evaluation in the words of the plan message, and names the drifted disks', async () => {
    s.nomad.controls.scaleJob('ci-mesosci-slc9', 'ci', 12);
    await s.nomad.controls.settled();
    const blocked = s.nomad.state.evaluations('ci-mesosci-slc9').find((e) => e.Status === 'blocked')!;
    const answer = text(s, await ask(s, 'U0DAVE', 'why mesosci-slc9', 'ci-mesosci-slc9: a blocked evaluation waits for capacity.'));
    expect(answer).toContain(`Evaluation ${blocked.ID.slice(0, 8)} (blocked since`);
    expect(answer).toMatch(/⚠️ \d+ allocations? of group "ci" cannot be placed \(\d+ nodes evaluated\):/);
    expect(answer).toMatch(/• \d+ nodes? excluded by constraint \$\{attr\.kernel\.name\} = linux/);
    expect(answer).toMatch(/• \d+ nodes? excluded by constraint \$\{meta\.allow_compilation\} = true/);
    expect(answer).toMatch(/disk exhausted on \d+ nodes?/);
    // alibuild10 runs nothing, yet Nomad counts 200.0G free of its 1 TiB disk (fingerprinted at agent start).
    expect(answer).toContain('Each allocation asks 240.0G of disk. Nothing runs on alibuild10');
    expect(answer).toContain("ssh -C alibuild10.cern.ch 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad'");
  });

  it('answers an unknown job with suggestions, privately', async () => {
    await ask(s, 'U0DAVE', 'why mesosci-slc8', 'No job or declaration called `mesosci-slc8`. Did you mean');
    expect(s.messages()).toHaveLength(0);
  });
});
