import { describe, expect, it } from 'vitest';
import { activeFreeze } from '../../src/access/freeze.js';

const cfg = {
  windows: [{ name: 'release-week', start: '2026-12-01T00:00:00Z', end: '2026-12-08T00:00:00Z', classes: ['nomad-mutate'] }],
  weekly: [{ name: 'friday-afternoon', days: ['fri'], from: '15:00', to: '23:59' }],
};

describe('change-freeze windows', () => {
  it('applies an absolute window to its classes only, until its end', () => {
    const t = Date.parse('2026-12-03T10:00:00Z');
    expect(activeFreeze(cfg, 'nomad-mutate', t)).toEqual({ name: 'release-week', until: Date.parse('2026-12-08T00:00:00Z') });
    expect(activeFreeze(cfg, 'vm', t)).toBeUndefined();
    expect(activeFreeze(cfg, 'nomad-mutate', Date.parse('2026-12-08T00:00:00Z'))).toBeUndefined();
  });
  it('applies a weekly window on its days between its UTC hours', () => {
    // 2026-11-27 is a Friday.
    expect(activeFreeze(cfg, 'vm', Date.parse('2026-11-27T15:00:00Z'))).toEqual({ name: 'friday-afternoon', until: Date.parse('2026-11-27T23:59:00Z') });
    expect(activeFreeze(cfg, 'vm', Date.parse('2026-11-27T14:59:59Z'))).toBeUndefined();
    expect(activeFreeze(cfg, 'vm', Date.parse('2026-11-26T16:00:00Z'))).toBeUndefined();
  });
  it('reports the window that ends last when two overlap', () => {
    // 2026-12-04 is a Friday inside the release week.
    expect(activeFreeze(cfg, 'nomad-mutate', Date.parse('2026-12-04T16:00:00Z'))?.name).toBe('release-week');
  });
});
