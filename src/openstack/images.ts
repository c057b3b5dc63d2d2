/** Glance v2 images (`openstack image list`): the build nodes use the latest "ALMA9 - x86_64". */
import { UserFacingError } from '../errors.js';
import { GlanceImageList, GlanceImage } from './schemas/glance.js';
import type { ImageFilter } from './requests.js';
import type { OpenStackTransport } from './transport.js';

export type { ImageFilter } from './requests.js';

export class GlanceImages {
  constructor(private readonly t: OpenStackTransport) {}

  /** `GET /v2/images`, following `next` links. */
  async list(filter: ImageFilter = {}): Promise<GlanceImage[]> {
    const out: GlanceImage[] = [];
    let marker: string | undefined;
    do {
      const page = await this.t.json(
        'image',
        { method: 'GET', path: '/v2/images', query: { name: filter.name, status: filter.status, limit: filter.pageSize, marker } },
        GlanceImageList,
        'image list',
      );
      out.push(...page.images);
      marker = page.next && page.images.length > 0 ? (new URL(page.next, 'http://x').searchParams.get('marker') ?? undefined) : undefined;
    } while (marker);
    return out;
  }

  async show(id: string): Promise<GlanceImage> {
    return this.t.json('image', { method: 'GET', path: `/v2/images/${encodeURIComponent(id)}` }, GlanceImage, 'image');
  }

  /** The newest active image with exactly this name (clouds often keep older uploads under the same name). */
  async getLatestByName(name: string): Promise<GlanceImage> {
    const images = (await this.list({ name })).filter((i) => i.name === name && i.status === 'active');
    const newest = images.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
    if (!newest) throw new UserFacingError(`No active image named '${name}'.`);
    return newest;
  }
}
