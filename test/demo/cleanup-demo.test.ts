/**
 * Issue 17 in the demo, scripted as the README shows it: the drift alert of alibuild10 → Clean up…
 * → bob approves → the cleanup runs over the simulated hosts' SSH and the alert resolves in place,
 * naming the operation.
 */
import { describe, expect, it } from 'vitest';
import { spawnDemo } from './demo-process.js';

describe('the demo: drift → Clean up → approve as bob → resolved', () => {
  it('cleans up alibuild10 from its alert, and the alert resolves naming the operation', async () => {
    const demo = spawnDemo();
    await demo.waitFor(/Type "help"/, { timeoutMs: 60_000 });
    await demo.waitFor(/\[1\] Clean up… {2}\[2\] Mark ineligible {2}\[3\] Silence 1d/, { timeoutMs: 30_000 });
    demo.write('press 1\n');
    await demo.waitFor(/📋 Plan: clean up alibuild10/, { timeoutMs: 30_000 });
    demo.write('as bob\napprove\n');
    const out = await demo.waitFor(/✅ Resolved: disk accounting on alibuild10 back in line at .* — cleaned up by op-\w+ \(requested by @alice\)/, {
      timeoutMs: 60_000,
    });
    await demo.waitFor(/✅ Applied: alibuild10 cleaned up and eligible again/, { timeoutMs: 30_000 });
    expect(out).toContain('🔧 In maintenance (cleanup by @alice');
    expect(demo.output()).toMatch(/✅ 3\. SSH root@127\.0\.0\.1:\d+: the cleanup command — exit 0/);
    demo.write('quit\n');
    demo.child.stdin!.end();
    expect(await demo.exited).toBe(0);
  }, 180_000);
});
