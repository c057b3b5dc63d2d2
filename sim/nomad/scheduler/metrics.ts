/** Nomad's AllocationMetric (api/allocations.go): why a placement went where it did, or failed. */
import type { JsonObject, NomadNode } from '../types.js';
import type { Dimension } from './resources.js';

export interface AllocMetric {
  NodesEvaluated: number;
  NodesFiltered: number;
  NodesInPool: number;
  NodePool: string;
  NodesAvailable: Record<string, number>;
  ClassFiltered: Record<string, number>;
  ConstraintFiltered: Record<string, number>;
  NodesExhausted: number;
  ClassExhausted: Record<string, number>;
  DimensionExhausted: Record<string, number>;
  Scores: Record<string, number>;
  AllocationTime: number;
  CoalescedFailures: number;
}

export function newMetric(nodePool: string, nodesInPool: number, nodesAvailable: Record<string, number>): AllocMetric {
  return {
    NodesEvaluated: 0,
    NodesFiltered: 0,
    NodesInPool: nodesInPool,
    NodePool: nodePool,
    NodesAvailable: { ...nodesAvailable },
    ClassFiltered: {},
    ConstraintFiltered: {},
    NodesExhausted: 0,
    ClassExhausted: {},
    DimensionExhausted: {},
    Scores: {},
    AllocationTime: 0,
    CoalescedFailures: 0,
  };
}

const bump = (m: Record<string, number>, key: string) => (m[key] = (m[key] ?? 0) + 1);

export function filterNode(m: AllocMetric, node: NomadNode, reason: string): void {
  m.NodesFiltered += 1;
  if (node.NodeClass !== '') bump(m.ClassFiltered, node.NodeClass);
  bump(m.ConstraintFiltered, reason);
}

export function exhaustNode(m: AllocMetric, node: NomadNode, dim: Dimension): void {
  m.NodesExhausted += 1;
  if (node.NodeClass !== '') bump(m.ClassExhausted, node.NodeClass);
  bump(m.DimensionExhausted, dim);
}

/** The JSON Nomad sends: Go nil maps are `null`. */
export function metricToWire(m: AllocMetric): JsonObject {
  const orNull = (r: Record<string, number>) => (Object.keys(r).length > 0 ? r : null);
  return {
    NodesEvaluated: m.NodesEvaluated,
    NodesFiltered: m.NodesFiltered,
    NodesInPool: m.NodesInPool,
    NodePool: m.NodePool,
    NodesAvailable: m.NodesAvailable,
    ClassFiltered: orNull(m.ClassFiltered),
    ConstraintFiltered: orNull(m.ConstraintFiltered),
    NodesExhausted: m.NodesExhausted,
    ClassExhausted: orNull(m.ClassExhausted),
    DimensionExhausted: orNull(m.DimensionExhausted),
    QuotaExhausted: null,
    ResourcesExhausted: null,
    Scores: orNull(m.Scores),
    ScoreMetaData: null,
    AllocationTime: m.AllocationTime,
    CoalescedFailures: m.CoalescedFailures,
  };
}
