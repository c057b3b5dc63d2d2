/**
 * After a restart: every unfinished operation must have the step that moves it on in the queue
 * (the lifecycle table says which). One lost between two steps — killed after an approval was
 * recorded but before its apply was queued — is queued again.
 */
import { STATES } from './lifecycle.js';
import type { OperationRuntime } from './runtime.js';

export async function recover(rt: OperationRuntime): Promise<number> {
  const { store, queue } = rt.d;
  let requeued = 0;
  for (const opId of await store.active()) {
    const rec = await store.get(opId).catch(() => undefined);
    const step = rec ? STATES[rec.state].step : undefined;
    if (!rec || !step || (await queue.hasStep(step, opId))) continue;
    await queue.add(step, opId, step === 'expire' ? Math.max(0, (rec.expiresAt ?? 0) - rt.now()) : 0);
    requeued++;
  }
  return requeued;
}

/** True while some operation is between stable states (planning, applying…), for the demo console. */
export async function busy(rt: OperationRuntime): Promise<boolean> {
  for (const opId of await rt.d.store.active()) {
    const rec = await rt.d.store.get(opId).catch(() => undefined);
    if (rec && STATES[rec.state].busy) return true;
  }
  return false;
}
