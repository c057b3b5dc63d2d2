/** The function map Levant installs: its own functions, then Sprig's on top (Sprig wins clashes). */
import type { FuncMap, GoFunc } from './func-types.js';
import { FuncError, fn } from './func-types.js';
import { type LevantFuncOptions, levantFuncs } from './levant-funcs.js';
import { sprigCertFuncs } from './sprig-certs.js';
import { sprigCryptoFuncs } from './sprig-crypto.js';
import { sprigDateFuncs } from './sprig-dates.js';
import { sprigDictFuncs } from './sprig-dicts.js';
import { sprigEncodingFuncs } from './sprig-encoding.js';
import { sprigFloatFuncs } from './sprig-floats.js';
import { sprigListFuncs } from './sprig-lists.js';
import { sprigRandomFuncs } from './sprig-random.js';
import { sprigTypeFuncs } from './sprig-types.js';
import { sprigMiscFuncs } from './sprig-misc.js';
import { sprigRegexFuncs } from './sprig-regex.js';
import { noHostLookup, sprigNetworkFuncs } from './sprig-network.js';
import { sprigSemverFuncs } from './sprig-semver.js';
import { sprigStringFuncs } from './sprig-strings.js';

const noConsul = (name: string, params: string[], result: string): [string, GoFunc] => [
  name,
  fn(params, result, () => {
    throw new FuncError(`${name}: Consul lookups are not available in this renderer`);
  }),
];

export function levantFuncMap(opts: LevantFuncOptions): FuncMap {
  return new Map<string, GoFunc>([
    ...levantFuncs(opts),
    noConsul('consulKey', ['string'], 'string'),
    noConsul('consulKeyExists', ['string'], 'bool'),
    noConsul('consulKeyOrDefault', ['string', 'string'], 'string'),
    ...sprigStringFuncs,
    ...sprigListFuncs,
    ...sprigDictFuncs,
    ...sprigFloatFuncs,
    ...sprigTypeFuncs,
    ...sprigRandomFuncs,
    ...sprigDateFuncs,
    ...sprigRegexFuncs,
    ...sprigSemverFuncs,
    ...sprigCryptoFuncs,
    ...sprigCertFuncs,
    ...sprigNetworkFuncs(opts.lookupHost ?? noHostLookup),
    ...sprigMiscFuncs(opts.env),
    ...sprigEncodingFuncs(opts.env),
  ]);
}
