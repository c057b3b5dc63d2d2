/**
 * Nova microversions. A version is `X.Y` exactly as Nova accepts it
 * (nova/api/openstack/api_version_request.py: `^([1-9]\d*)\.([1-9]\d*|0)$`); anything else, such as
 * clouds.yaml's major `compute_api_version: 2`, makes every call a 400.
 *
 * Without an explicit version the client reads the compute endpoint's version document
 * (`GET …/v2.1/` → `version.version` is the maximum, `min_version` the minimum; the root `GET /`
 * lists the same) and speaks min(PREFERRED, maximum): the response shapes this client reads were
 * written against PREFERRED. A call that needs more (e.g. `networks: auto`, 2.37) says so, and is
 * refused before it is sent when the version spoken is older.
 */
import { UserFacingError } from '../errors.js';

/** The microversion this client's schemas are written against (Train): embedded flavor, required networks. */
export const PREFERRED_COMPUTE_MICROVERSION = '2.79';

const FORMAT = /^([1-9]\d*)\.([1-9]\d*|0)$/;

export const isMicroversion = (v: string): boolean => FORMAT.test(v);

/** Negative, zero or positive, numerically by part (2.10 > 2.9). */
export function compareMicroversions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am - bm || an - bn;
}

/** What a call needs, for the message when it cannot have it. */
export interface MicroversionNeed {
  microversion: string;
  /** e.g. "creating a server with networks: auto" */
  what: string;
}

/** The versions spoken when the cloud supports [min, max]. */
export function negotiated(range: { min: string; max: string }): string {
  const max = isMicroversion(range.max) ? range.max : '2.1'; // a v2.0-only endpoint has no microversions
  const wanted = compareMicroversions(max, PREFERRED_COMPUTE_MICROVERSION) < 0 ? max : PREFERRED_COMPUTE_MICROVERSION;
  return isMicroversion(range.min) && compareMicroversions(wanted, range.min) < 0 ? range.min : wanted;
}

/** Throws, with words a person can act on, when `spoken` is older than the call needs. */
export function checkNeed(spoken: string, need: MicroversionNeed | undefined, explicit: boolean): void {
  if (!need || compareMicroversions(spoken, need.microversion) >= 0) return;
  throw new UserFacingError(
    explicit
      ? `${need.what} needs compute microversion ${need.microversion} or later, but ${spoken} is configured (compute_default_microversion or OS_COMPUTE_API_VERSION). Nothing was sent.`
      : `This cloud's Nova speaks compute microversions up to ${spoken}; ${need.what} needs ${need.microversion} or later. Nothing was sent.`,
  );
}

/**
 * Where the version documents are, from the catalog's compute URL (`https://nova:8774/v2.1/<project>`):
 * the versioned one (`…/v2.1/`) first, then the root list (`…/`).
 */
export function versionDocumentUrls(endpoint: string): string[] {
  const url = new URL(endpoint);
  const parts = url.pathname.replace(/\/+$/, '').split('/');
  const at = parts.map((p) => /^v\d+(\.\d+)?$/.test(p)).lastIndexOf(true);
  const base = (segments: string[]) => `${url.origin}${segments.join('/')}/`;
  return at < 0 ? [base(parts)] : [base(parts.slice(0, at + 1)), base(parts.slice(0, at))];
}
