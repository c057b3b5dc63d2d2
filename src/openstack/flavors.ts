/** Nova flavors (`openstack flavor list`): m2.large for masters, m2.2xlarge for agents, p1.* bare metal. */
import { UserFacingError } from '../errors.js';
import { NovaFlavorList, type NovaFlavor } from './schemas/nova.js';
import type { OpenStackTransport } from './transport.js';

export class NovaFlavors {
  constructor(private readonly t: OpenStackTransport) {}

  /** `GET /flavors/detail`. */
  async list(): Promise<NovaFlavor[]> {
    return (await this.t.json('compute', { method: 'GET', path: '/flavors/detail' }, NovaFlavorList, 'flavor list')).flavors;
  }

  /** The flavor with exactly this name (the name filter needs 2.102, so we filter here). */
  async getByName(name: string): Promise<NovaFlavor> {
    const flavors = await this.list();
    const found = flavors.find((f) => f.name === name);
    if (!found) {
      throw new UserFacingError(`No flavor named '${name}'. Flavors you can use: ${flavors.map((f) => f.name).join(', ') || 'none'}.`);
    }
    return found;
  }
}
