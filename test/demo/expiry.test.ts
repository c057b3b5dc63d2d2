/**
 * Issue 16 item 14: the approval window can be seen and chosen (`--expiry`), a plan visibly expires,
 * and `wait` says when it is capped. The first test is the README's scripted demo, piped whole.
 */
import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from '../../sim/demo/options.js';
import { planWait, WAIT_CAP_MS } from '../../sim/demo/wait.js';
import { spawnDemo } from './demo-process.js';

describe('the approval window in the demo', () => {
  it('npm run demo -- --expiry 3s: says so at the start, and the plan message turns into Expired', async () => {
    const demo = spawnDemo({ viaNpm: true, args: ['--expiry', '3s'] });
    demo.write('/ci scale mesosci-cs8 10\nwait 5\n');
    demo.child.stdin!.end();
    expect(await demo.exited).toBe(0);
    const out = demo.output();
    expect(out).toContain('Plans wait 3 s for approval, then expire (npm run demo -- --expiry 2m changes it).');
    const plan = /── #ci-ops · message (\d+) \(new\) ──\n📋 Plan: scale ci-mesosci-cs8 {2}8 → 10/;
    expect(out).toMatch(plan); // (on failure, shows what the demo printed)
    const n = plan.exec(out)![1];
    // (Under load the plan may expire while the script still settles, so only the order plan → expired is asserted.)
    expect(out.slice(out.indexOf('📋 Plan: scale'))).toMatch(new RegExp(`── #ci-ops · message ${n} \\(updated\\) ──\\n⌛ Expired: scale ci-mesosci-cs8`));
  }, 90_000);

  it('reads --expiry, --declarations and --log, and names what is wrong with them', () => {
    expect(parseDemoArgs(['--expiry', '2m'], '/home/op')).toEqual({ help: false, expiryMs: 120_000 });
    expect(parseDemoArgs(['--expiry=90s', '--declarations', 'ci-jobs', '--log=demo.log'], '/home/op')).toEqual({
      help: false,
      expiryMs: 90_000,
      declarations: '/home/op/ci-jobs',
      logFile: '/home/op/demo.log',
    });
    expect(parseDemoArgs(['--expiry', 'soon'])).toBe('--expiry needs a duration of at least 1s, e.g. 90s or 2m; got "soon"');
    expect(parseDemoArgs(['--expiry', '0s'])).toMatch(/^--expiry needs a duration of at least 1s/);
    expect(parseDemoArgs(['--expiry'])).toBe('--expiry needs a value');
    expect(parseDemoArgs(['--expire', '2m'])).toBe('unknown option --expire');
    expect(parseDemoArgs(['-h'])).toEqual({ help: true });
  });
});

describe('wait in the console', () => {
  it('waits seconds or a duration, and says when it caps a long wait', () => {
    expect(planWait('30')).toEqual({ ms: 30_000 });
    expect(planWait('2m')).toEqual({ ms: 120_000 });
    expect(planWait('600')).toEqual({ ms: WAIT_CAP_MS });
    expect(planWait('15m')).toEqual({ ms: WAIT_CAP_MS, note: '(wait is capped at 10 min: waiting 10 min, not 15 min)' });
    expect(planWait('soon')).toMatch(/^Usage: wait <seconds>/);
    expect(planWait(undefined)).toMatch(/^Usage: wait <seconds>/);
  });
});
