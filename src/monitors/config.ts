/**
 * Settings of the cluster watch and its alerts. Durations are milliseconds, or texts like `90s`
 * when they come from chatops.yaml; every key has a default that suits ALICE's farm.
 */
import { z } from 'zod';
import { Duration } from '../config/duration.js';

const GIB = 1024 ** 3;
const Ms = z.union([z.number().int().min(0), Duration]);

export const MonitorsConfig = z
  .object({
    /** Jobs whose allocations are CI builders (globs, e.g. `ci-*`). */
    builderJobs: z.array(z.string()).default(['ci-*']),
    /** A node ineligible or draining for longer than this is reported. */
    unschedulableAfterMs: Ms.default(6 * 3_600_000),
    /** Builders below their desired count for longer than this are reported (replacements usually start within seconds). */
    buildersDownAfterMs: Ms.default(120_000),
    /** A builder restarting this many times within `restartLoopWindowMs` is in a restart loop. */
    restartLoopCount: z.number().int().min(1).default(3),
    restartLoopWindowMs: Ms.default(600_000),
    disk: z
      .object({
        /** nomad-diskfree's threshold: the ephemeral disk a CI builder asks for (240 GiB since ali-bot 5ec1ac0). */
        thresholdBytes: z
          .number()
          .int()
          .positive()
          .default(240 * GIB),
        /** Nomad's view and the real free space may differ this much before it counts as drift (clients ≥ 1.11.1). */
        marginBytes: z
          .number()
          .int()
          .min(0)
          .default(50 * GIB),
        /**
         * `over`: Nomad counts free space the disk does not have (builds may run out of disk).
         * `under`: Nomad counts less than the disk has; on current clients that is usually just
         * reserved-but-unfilled ephemeral disk, so it is off by default.
         */
        directions: z.array(z.enum(['over', 'under'])).default(['over']),
        /** How often `/v1/client/stats` is read on each node. Measured drift must show in two readings in a row (clients ≥ 1.11.1). */
        checkIntervalMs: Ms.default(300_000),
        /** Requests in flight at most during a disk check. */
        concurrency: z.number().int().min(1).max(64).default(16),
      })
      .strict()
      .default({ thresholdBytes: 240 * GIB, marginBytes: 50 * GIB, directions: ['over'], checkIntervalMs: 300_000, concurrency: 16 }),
    /** Full reads (nodes, allocations, builder jobs) on this timer correct any missed event. */
    reconcileIntervalMs: Ms.default(60_000),
    /** No event-stream line (not even a heartbeat) for this long means the stream is dead. */
    heartbeatTimeoutMs: Ms.default(45_000),
    alerts: z
      .object({
        /** Channel per alert kind; `default` for the rest. */
        channels: z.record(z.string(), z.string()).default({}),
        defaultChannel: z.string().default('#ci-alerts'),
        /** New alerts wait this long so a storm arrives as one message. */
        groupWaitMs: Ms.default(500),
        /** A still-firing group gets a reminder in its thread this often. */
        repeatIntervalMs: Ms.default(4 * 3_600_000),
        /** Slack allows about one message per second per channel. */
        minPostIntervalMs: Ms.default(1_000),
        /** How often time-based rules (waits, reminders, silence expiry) are re-checked. */
        tickMs: Ms.default(1_000),
      })
      .strict()
      .default({ channels: {}, defaultChannel: '#ci-alerts', groupWaitMs: 500, repeatIntervalMs: 4 * 3_600_000, minPostIntervalMs: 1_000, tickMs: 1_000 }),
    lease: z
      .object({
        /** The holder renews every third of this; another replica takes over this long after the holder dies. */
        ttlMs: Ms.default(15_000),
      })
      .strict()
      .default({ ttlMs: 15_000 }),
  })
  .strict();
export type MonitorsConfig = z.infer<typeof MonitorsConfig>;
export type MonitorsConfigInput = z.input<typeof MonitorsConfig>;
