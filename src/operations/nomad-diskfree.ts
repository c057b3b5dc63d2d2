/**
 * ALICE's `nomad-diskfree` (alisw/ali-bot utils/nomad-diskfree), rule for rule (the pure rule, shared by the drift alert and `/ci diskfree`): a client that still
 * reports `unique.storage.bytesfree` (Nomad < 1.11.1 fingerprints it once, at agent start) is
 * flagged when Nomad's free figure is too small for a CI builder although the disk is big enough
 * and not empty. Cleanup is only safe, and only urgent, when no allocation runs there.
 */

export const GIB = 1024 ** 3;
/** The script's default since ali-bot 5ec1ac0 (2025-10-27). */
export const DISKFREE_THRESHOLD = 240 * GIB;
/** Hosts whose disk is essentially empty are skipped, to avoid false positives. */
export const EMPTY_DISK_BUFFER = 100 * 1024 * 1024;

/** The script's `to_iec`: divide by 1024 while > 1024, one decimal, suffixes '', K, M, G, T, … */
export function toIec(bytes: number): string {
  const suffixes = ['', 'K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  let value = bytes;
  let i = 0;
  while (value > 1024 && i < suffixes.length - 1) {
    value /= 1024;
    i += 1;
  }
  return `${pythonFixed1(value)}${suffixes[i]}`;
}

/**
 * Python's `f'{x:.1f}'`: correctly rounded, ties to even on the exact binary value, where JS's
 * toFixed rounds ties up (1.25 → Python "1.2", toFixed "1.3"). toPrecision(100) is exact here.
 */
function pythonFixed1(x: number): string {
  const fixed = x.toFixed(1);
  const exact = x.toPrecision(100);
  const m = /^(-?\d+)\.(\d)(\d*)$/.exec(exact);
  if (!m || !/^50*$/.test(m[3] ?? '')) return fixed;
  const tenths = BigInt(`${m[1]}${m[2]}`);
  const even = tenths % 2n === 0n ? tenths : tenths + (tenths < 0n ? -1n : 1n);
  const abs = even < 0n ? -even : even;
  const text = `${abs / 10n}.${abs % 10n}`;
  return even < 0n ? `-${text}` : text;
}

/** The three conditions of the script, on integers parsed from the node's attributes. */
export function diskfreeFlags(bytesFree: number, bytesTotal: number, threshold = DISKFREE_THRESHOLD): boolean {
  return bytesFree < threshold && bytesTotal >= threshold && bytesFree < bytesTotal - EMPTY_DISK_BUFFER;
}

/** The host name the script uses: the node name without `.cern.ch`, then with it. */
export const diskfreeHost = (nodeName: string) => `${nodeName.replace(/\.cern\.ch$/, '')}.cern.ch`;

/** The cleanup command the script prints for a host that needs intervention. */
export const cleanupCommand = (nodeName: string) => `ssh -C ${diskfreeHost(nodeName)} 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad'`;

/** Python's int() on the attribute text: surrounding whitespace allowed, digits only. */
export function parseAttributeInteger(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  return /^[+-]?\d+$/.test(t) ? Number(t) : undefined;
}
