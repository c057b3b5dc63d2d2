/**
 * Nomad connection settings, read from the same environment variables as the `nomad` CLI
 * (seed 000 "Setting up your local environment"), so an operator's shell setup works unchanged.
 */
import { z } from 'zod';
import { parseGoBool, type TlsSettings } from '../http/tls.js';

export const NomadSettings = z.object({
  /** NOMAD_ADDR, default http://127.0.0.1:4646 like the CLI. */
  address: z.string().url(),
  token: z.string().optional(),
  region: z.string().optional(),
  /** Empty means the agent's default namespace ("default"). */
  namespace: z.string().optional(),
  tls: z.object({
    caCert: z.string().optional(),
    clientCert: z.string().optional(),
    clientKey: z.string().optional(),
    serverName: z.string().optional(),
    skipVerify: z.boolean().optional(),
  }),
});
export type NomadSettings = z.infer<typeof NomadSettings> & { tls: TlsSettings };

export function nomadSettingsFromEnv(env: Record<string, string | undefined>, base: Partial<NomadSettings> = {}): NomadSettings {
  const pick = (k: string) => (env[k] === '' ? undefined : env[k]);
  return NomadSettings.parse({
    address: pick('NOMAD_ADDR') ?? base.address ?? 'http://127.0.0.1:4646',
    token: pick('NOMAD_TOKEN') ?? base.token,
    region: pick('NOMAD_REGION') ?? base.region,
    namespace: pick('NOMAD_NAMESPACE') ?? base.namespace,
    tls: {
      caCert: pick('NOMAD_CACERT') ?? base.tls?.caCert,
      clientCert: pick('NOMAD_CLIENT_CERT') ?? base.tls?.clientCert,
      clientKey: pick('NOMAD_CLIENT_KEY') ?? base.tls?.clientKey,
      serverName: pick('NOMAD_TLS_SERVER_NAME') ?? base.tls?.serverName,
      skipVerify: parseGoBool(pick('NOMAD_SKIP_VERIFY')) ?? base.tls?.skipVerify,
    },
  });
}
