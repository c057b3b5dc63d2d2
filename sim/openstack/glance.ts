/** Glance v2 `/image/v2/images`: exact `name` filter, newest first, `limit`/`marker` paging with a `next` link. */
import { sendJson, type SimRouter } from '../http/server.js';
import type { SimContext } from './context.js';
import type { SimImage } from './model.js';

export function glanceRoutes(router: SimRouter, ctx: SimContext): void {
  const { state } = ctx;
  const view = (i: SimImage) => ({
    id: i.id,
    name: i.name,
    status: i.status,
    visibility: 'public',
    protected: false,
    os_hidden: false,
    tags: [],
    container_format: 'bare',
    disk_format: 'qcow2',
    min_disk: 0,
    min_ram: 0,
    size: i.size,
    virtual_size: null,
    checksum: null,
    owner: null,
    created_at: i.createdAt,
    updated_at: i.createdAt,
    self: `/v2/images/${i.id}`,
    file: `/v2/images/${i.id}/file`,
    schema: '/v2/schemas/image',
    ...i.properties,
  });

  router.on('GET', '/image/v2/images', (req, res) => {
    let images = [...state.cloud.images].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const name = req.query.get('name');
    if (name !== null) images = images.filter((i) => i.name === name);
    const status = req.query.get('status');
    if (status !== null) images = images.filter((i) => i.status === status);
    const marker = req.query.get('marker');
    if (marker !== null) images = images.slice(images.findIndex((i) => i.id === marker) + 1);
    const limit = Number(req.query.get('limit') ?? 25) || 25;
    const page = images.slice(0, limit);
    const body: Record<string, unknown> = { images: page.map(view), schema: '/v2/schemas/images', first: '/v2/images' };
    const last = page[page.length - 1];
    if (last && images.length > limit) {
      const next = new URLSearchParams(req.query);
      next.set('marker', last.id);
      body.next = `/v2/images?${next}`;
    }
    sendJson(res, 200, body);
  });

  router.on('GET', '/image/v2/images/:id', (req, res) => {
    const image = state.cloud.images.find((i) => i.id === req.params.id);
    if (!image) {
      res.writeHead(404, { 'content-type': 'text/html; charset=UTF-8' });
      return void res.end(
        `<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID ${req.params.id}<br /><br />\n\n\n </body>\n</html>`,
      );
    }
    sendJson(res, 200, view(image));
  });
}
