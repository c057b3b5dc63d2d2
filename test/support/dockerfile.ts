/** What the Docker image ships that tests and the benchmark must match, read from the Dockerfile itself. */
import { readFileSync } from 'node:fs';

const DOCKERFILE = new URL('../../Dockerfile', import.meta.url);

/** The node flags of `ENV NODE_OPTIONS=…` (the V8 heap setting the bot runs with in the image). */
export function shippedNodeFlags(): string[] {
  const line = /^ENV NODE_OPTIONS=(?:"([^"]*)"|(\S+))\s*$/m.exec(readFileSync(DOCKERFILE, 'utf8'));
  if (!line) throw new Error('Dockerfile: no ENV NODE_OPTIONS line');
  return (line[1] ?? line[2]!).split(/\s+/).filter(Boolean);
}

/** `--max-old-space-size` of those flags, in MB. */
export function shippedOldSpaceMB(): number {
  const flag = shippedNodeFlags().find((f) => f.startsWith('--max-old-space-size='));
  if (!flag) throw new Error('Dockerfile: NODE_OPTIONS sets no --max-old-space-size');
  return Number(flag.slice('--max-old-space-size='.length));
}
