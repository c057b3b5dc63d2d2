import { z } from 'zod';

/** Nomad sends many maps and lists as `null` when empty. */
export const nullableRecord = <T extends z.ZodType>(v: T) => z.record(z.string(), v).nullish();
export const nullableArray = <T extends z.ZodType>(v: T) => z.array(v).nullish();

/**
 * Nanosecond epoch integers (CreateTime, ModifyTime) exceed Number.MAX_SAFE_INTEGER; JSON.parse
 * rounds them to the microsecond, which is fine for display. Never use them as identities.
 */
export const NanoTime = z.number();
