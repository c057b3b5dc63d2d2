/** Keystone v3 token and service catalog (`POST /v3/auth/tokens`, fixtures keystone-*-resp.json). */
import { z } from 'zod';

export const KeystoneEndpoint = z.object({
  id: z.string(),
  interface: z.string(),
  region: z.string().nullable().optional(),
  region_id: z.string().nullable().optional(),
  url: z.string(),
});
export type KeystoneEndpoint = z.infer<typeof KeystoneEndpoint>;

export const KeystoneService = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().optional(),
  endpoints: z.array(KeystoneEndpoint),
});
export type KeystoneService = z.infer<typeof KeystoneService>;

const DomainRef = z.object({ id: z.string(), name: z.string().optional() });

export const KeystoneToken = z.object({
  token: z.object({
    methods: z.array(z.string()),
    /** ISO 8601; null means the token never expires. */
    expires_at: z.string().nullable(),
    issued_at: z.string().optional(),
    audit_ids: z.array(z.string()).optional(),
    is_domain: z.boolean().optional(),
    user: z.object({ id: z.string(), name: z.string(), domain: DomainRef, password_expires_at: z.string().nullable().optional() }),
    project: z.object({ id: z.string(), name: z.string(), domain: DomainRef }).optional(),
    roles: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
    catalog: z.array(KeystoneService).optional(),
    application_credential: z.object({ id: z.string(), name: z.string(), restricted: z.boolean() }).optional(),
  }),
});
export type KeystoneToken = z.infer<typeof KeystoneToken>;

/** `GET /v3/auth/catalog`. */
export const KeystoneCatalog = z.object({ catalog: z.array(KeystoneService) });
export type KeystoneCatalog = z.infer<typeof KeystoneCatalog>;
