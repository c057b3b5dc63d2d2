import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDiskfree, cleanupCommand, diskfreeFlags, diskfreeHost, toIec } from '../../src/monitors/nomad-diskfree.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const T = 240 * GIB;

describe("nomad-diskfree's rule (free < 240 GiB, total ≥ 240 GiB, free < total − 100 MiB)", () => {
  it.each([
    ['alibuild10 in the farm: 200 GiB free of a 1 TiB disk', 200 * GIB, 1_081_101_176_832, true],
    ['free exactly at the threshold', T, 1024 * GIB, false],
    ['one byte below the threshold', T - 1, 1024 * GIB, true],
    ['total exactly at the threshold', 100 * GIB, T, true],
    ['total one byte below the threshold (disk too small for a CI builder)', 100 * GIB, T - 1, false],
    ['free exactly total − 100 MiB (essentially empty disk)', T - 100 * MIB, T, false],
    ['free one byte under total − 100 MiB', T - 100 * MIB - 1, T, true],
    ['free 50 MiB under total (empty disk, not drift)', T - 50 * MIB, T, false],
    ['nothing free on a big disk', 0, 1024 * GIB, true],
    ['plenty free', 500 * GIB, 1024 * GIB, false],
  ])('%s', (_name, free, total, flagged) => {
    expect(diskfreeFlags(free, total)).toBe(flagged);
  });

  it('takes the threshold as configured (the script had 300 GiB before ali-bot 5ec1ac0)', () => {
    expect(diskfreeFlags(250 * GIB, 1024 * GIB)).toBe(false);
    expect(diskfreeFlags(250 * GIB, 1024 * GIB, 300 * GIB)).toBe(true);
  });

  it('skips clients without both attributes (Nomad ≥ 1.11.1, where the script fails with KeyError)', () => {
    expect(checkDiskfree({ name: 'alibuild01', id: 'x', attributes: {} }, [])).toBeUndefined();
    expect(checkDiskfree({ name: 'alibuild01', id: 'x', attributes: { 'unique.storage.bytesfree': '1' } }, [])).toBeUndefined();
  });

  it("prints the script's lines; needs intervention only when no allocation is running", () => {
    const node = {
      name: 'alibuild03',
      id: '6f3c9a1e-0000-4000-8000-000000000003',
      attributes: { 'unique.storage.bytesfree': ' 120795955200 ', 'unique.storage.bytestotal': '1099511627776' },
    };
    const idle = checkDiskfree(node, [{ id: 'a1b2c3d4-1111', name: 'ci-mesosci-cs8.ci[2]', clientStatus: 'complete' }]);
    expect(idle).toEqual({
      host: 'alibuild03.cern.ch',
      bytesFree: 120_795_955_200,
      bytesTotal: 1_099_511_627_776,
      needsIntervention: true,
      lines: [
        'Nomad thinks we have 112.5G available space of 1024.0G on alibuild03.cern.ch (6f3c9a1e)',
        '\t-> alloc on this host: a1b2c3d4 ci-mesosci-cs8.ci[2] (complete)',
        '\t-> needs intervention now! See below.',
      ],
    });
    const busy = checkDiskfree(node, [{ id: 'a1b2c3d4-1111', name: 'ci-mesosci-cs8.ci[2]', clientStatus: 'running' }]);
    expect(busy?.needsIntervention).toBe(false);
    expect(busy?.lines.at(-1)).toBe('\t-> no intervention needed right now (have a running alloc)');
  });

  it('builds the host name and the cleanup command exactly as the script does', () => {
    expect(diskfreeHost('alibuild03')).toBe('alibuild03.cern.ch');
    expect(diskfreeHost('alibuild03.cern.ch')).toBe('alibuild03.cern.ch');
    expect(cleanupCommand('alibuild03.cern.ch')).toBe("ssh -C alibuild03.cern.ch 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad'");
  });

  it.each([
    [0, '0.0'],
    [1024, '1024.0'],
    [1025, '1.0K'],
    [T, '240.0G'],
    [1.25 * GIB, '1.2G'],
    [1_081_101_176_832, '1006.9G'],
    [1024 ** 4, '1024.0G'],
    [1024 ** 4 + 1, '1.0T'],
  ])('to_iec(%d) = %s', (bytes, text) => {
    expect(toIec(bytes)).toBe(text);
  });

  it("to_iec matches Python's own formatting on random sizes (python3 as the oracle)", () => {
    const sizes = fc.sample(
      fc.oneof(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 4096 }).map((k) => k * 256 * MIB),
      ),
      300,
    );
    let python: string[] | undefined;
    try {
      const program = `import sys
def to_iec(n_bytes):
    suffixes = ' KMGTPEZY'
    while n_bytes > 1024:
        n_bytes /= 1024
        suffixes = suffixes[1:]
    return f'{n_bytes:.1f}{suffixes[0].strip()}'
for line in sys.stdin:
    print(to_iec(int(line)))`;
      python = execFileSync('python3', ['-c', program], { input: `${sizes.join('\n')}\n`, encoding: 'utf8' })
        .trim()
        .split('\n');
    } catch {
      console.warn('python3 is not installed: the to_iec oracle did NOT run (the table above still did)');
    }
    if (python) expect(sizes.map(toIec)).toEqual(python);
    else expect(toIec(1.25 * GIB)).toBe('1.2G');
  });
});
