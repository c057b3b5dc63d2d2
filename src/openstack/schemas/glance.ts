/** Glance v2 images (fixtures glance-*-resp.json). Loose: clouds add properties like `os_distro`. */
import { z } from 'zod';

export const GlanceImage = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    status: z.string(),
    visibility: z.string(),
    created_at: z.string(),
    updated_at: z.string().optional(),
    size: z.number().nullable().optional(),
    min_disk: z.number().optional(),
    min_ram: z.number().optional(),
    disk_format: z.string().nullable().optional(),
    container_format: z.string().nullable().optional(),
    tags: z.array(z.string()).optional(),
    owner: z.string().nullable().optional(),
  })
  .loose();
export type GlanceImage = z.infer<typeof GlanceImage>;

export const GlanceImageList = z.object({
  images: z.array(GlanceImage),
  first: z.string().optional(),
  /** Present while there are more pages; relative to the image endpoint. */
  next: z.string().optional(),
  schema: z.string().optional(),
});
export type GlanceImageList = z.infer<typeof GlanceImageList>;
