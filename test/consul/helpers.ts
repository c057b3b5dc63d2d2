import { createConsul, consulSettingsFromEnv, type Consul } from '../../src/consul/index.js';

/** A client configured the way an operator's shell would, from CONSUL_* variables. */
export function consulFromEnv(env: Record<string, string | undefined>, timeoutMs = 2_000): Consul {
  return createConsul(consulSettingsFromEnv(env, { timeoutMs }));
}

/** Everything an error could show a person or a log: message, describeError, JSON, cause chain. */
export function everythingShown(err: unknown): string {
  const e = err as Error & { body?: string; cause?: unknown };
  return [e.message, String(e), e.body ?? '', JSON.stringify(e), e.stack ?? '', e.cause instanceof Error ? e.cause.message : ''].join('\n');
}
