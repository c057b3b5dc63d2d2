/** Shapes shared by the OpenStack APIs: links and the fault bodies of Keystone, Nova and Cinder. */
import { z } from 'zod';

export const OpenStackLink = z.object({ href: z.string(), rel: z.string(), type: z.string().optional() });
export type OpenStackLink = z.infer<typeof OpenStackLink>;

/** `{"<faultName>": {"code", "message"}}`, the body of every Nova and Cinder error (`wsgi.py::Fault`). */
export const NovaError = z.record(
  z.string(),
  z.object({ code: z.number().int(), message: z.string(), retryAfter: z.union([z.string(), z.number()]).optional() }),
);
export type NovaError = z.infer<typeof NovaError>;

/** Keystone's (and keystonemiddleware's 401) error body: `{"error": {"code", "title", "message"}}`. */
export const KeystoneError = z.object({
  error: z.object({ code: z.number().int(), title: z.string().optional(), message: z.string() }),
});
export type KeystoneError = z.infer<typeof KeystoneError>;
