/**
 * The cluster watch (issue 6): Nomad event stream + reconciler → detectors → alert lifecycle →
 * Slack. src/main.ts creates one `ClusterWatch` per process; the Redis lease picks the leader.
 */
export { createClusterWatch, ClusterWatch, type ClusterWatchOptions, type SilenceRequest, type AlertRef } from './engine.js';
export { MonitorsConfig, type MonitorsConfigInput } from './config.js';
export { SinkRateLimitedError, type AlertSink, type AlertMessage, type AlertGroup, type AlertMember, type Silence } from './alerts/types.js';
export type { AlertListing, ListedAlert } from './alerts/listing.js';
export type { MaintenanceRequest, MaintenanceWindow } from './maintenance.js';
export type { MasterHealthCheck, MasterHealthReport, MasterHealthRow } from './master-health.js';
export type { AlertFact, AlertKind, AlertSeverity, SuggestedAction } from './facts.js';
export { alertId } from './alerts/manager.js';
export { farmNodes, type FarmNode } from './farm-view.js';
