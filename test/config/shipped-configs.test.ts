import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';

describe('the configurations we ship', () => {
  it.each(['chatops.example.yaml', 'sim/demo/chatops.demo.yaml'])('%s is valid', (path) => {
    const cfg = parseConfigText(readFileSync(path, 'utf8'), path);
    expect(cfg.access.classes['nomad-mutate']?.approve.length).toBeGreaterThan(0);
  });
});
