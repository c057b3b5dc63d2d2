/** All built-in detectors over the cluster model: one pass gives every current fact. */
import type { ClusterModel } from '../cluster-model.js';
import type { MonitorsConfig } from '../config.js';
import { BUILTIN_KINDS, type AlertFact } from '../facts.js';
import { buildersDownFacts } from './builders.js';
import { diskDriftFacts, undecidedDriftKeys } from './disk-drift.js';
import type { DetectorMemory } from './memory.js';
import { nodeDownFacts } from './node-down.js';
import { nodeUnschedulableFacts } from './node-unschedulable.js';
import { restartLoopFacts } from './restart-loop.js';

export interface DetectorPass {
  facts: AlertFact[];
  /** Kinds the model cannot judge yet (no full read, no disk check): their alerts stay as they are. */
  unknownKinds: string[];
  /** Alerts the model cannot judge yet one by one (a node's drift before its second disk reading). */
  unknownKeys: string[];
}

export function detectAll(model: ClusterModel, memory: DetectorMemory, cfg: MonitorsConfig, now: number): DetectorPass {
  if (!model.loaded) return { facts: [], unknownKinds: [...BUILTIN_KINDS], unknownKeys: [] };
  const facts = [
    ...nodeDownFacts(model, cfg.builderJobs),
    ...nodeUnschedulableFacts(model, now),
    ...buildersDownFacts(model, memory, now),
    ...restartLoopFacts(model, { count: cfg.restartLoopCount, windowMs: cfg.restartLoopWindowMs }, now),
    ...diskDriftFacts(model, cfg.disk, memory, now),
  ];
  memory.sweep();
  return { facts, unknownKinds: model.diskChecked ? [] : ['disk-drift'], unknownKeys: undecidedDriftKeys(model) };
}

/** How long each kind must hold before it is posted (the rest: at once, after group_wait). */
export function holdTimes(cfg: MonitorsConfig): Record<string, number> {
  return { 'node-unschedulable': cfg.unschedulableAfterMs, 'builders-down': cfg.buildersDownAfterMs };
}

export { DetectorMemory } from './memory.js';
export { nodeDownKey } from './node-down.js';
