/**
 * Nomad connection settings, read from the same environment variables as the `nomad` CLI
 * (seed 000 "Setting up your local environment"), so an operator's shell setup works unchanged.
 */
import { z } from 'zod';
import { parseGoBool, tlsFromEnv, TlsSettingsSchema } from '../http/tls.js';

export const NomadSettings = z.object({
  /** NOMAD_ADDR, default http://127.0.0.1:4646 like the CLI. */
  address: z.string().url(),
  token: z.string().optional(),
  region: z.string().optional(),
  /** Empty means the agent's default namespace ("default"). */
  namespace: z.string().optional(),
  tls: TlsSettingsSchema,
});
export type NomadSettings = z.infer<typeof NomadSettings>;

export function nomadSettingsFromEnv(env: Record<string, string | undefined>, base: Partial<NomadSettings> = {}): NomadSettings {
  const pick = (k: string) => (env[k] === '' ? undefined : env[k]);
  return NomadSettings.parse({
    address: pick('NOMAD_ADDR') ?? base.address ?? 'http://127.0.0.1:4646',
    token: pick('NOMAD_TOKEN') ?? base.token,
    region: pick('NOMAD_REGION') ?? base.region,
    namespace: pick('NOMAD_NAMESPACE') ?? base.namespace,
    tls: tlsFromEnv(env, 'NOMAD', base.tls, parseGoBool(pick('NOMAD_SKIP_VERIFY'))),
  });
}
