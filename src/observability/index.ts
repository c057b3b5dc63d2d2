/** Metrics, health and the queue dashboard: see server.ts for the endpoints and why they have their own port. */
export { BotMetrics, withTimeout, type AlertProbe, type CommandOutcome, type QueueProbe } from './metrics.js';
export { bullQueueProbe } from './queue-probe.js';
export { MeteredNotifier } from './metered-notifier.js';
export { checkReadiness, eventStreamReadiness, nomadReadiness, redisReadiness, type Readiness, type ReadinessCheck } from './health.js';
export { createQueueDashboard, DASHBOARD_PATH } from './dashboard.js';
export { startObservabilityServer, type ObservabilityServer } from './server.js';
export { authorized } from './auth.js';
