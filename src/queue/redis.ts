import { Redis } from 'ioredis';

/** BullMQ needs `maxRetriesPerRequest: null` so blocking commands survive reconnects. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

export type { Redis } from 'ioredis';
