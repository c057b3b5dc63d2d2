/**
 * Sprig's getHostByName (network.go): net.LookupHost, then one address at random; no address
 * makes rand.Intn(0) panic. Templates render synchronously and DNS answers asynchronously, so
 * the lookup is injected: renderTemplate resolves each name a template asks for with node:dns
 * and renders again (see render.ts); renderText without a resolver refuses the call.
 */
import { randomInt } from 'node:crypto';
import { FuncError, type GoFunc, fn } from './func-types.js';

/** Addresses of a host; throws HostNeeded when the name has not been resolved yet. */
export type HostLookup = (name: string) => string[];

/** Thrown (not as a FuncError, so execution stops at once) for a name still to be resolved. */
export class HostNeeded extends Error {
  constructor(readonly host: string) {
    super(`getHostByName ${host}: not resolved yet`);
  }
}

export const noHostLookup: HostLookup = () => {
  throw new FuncError('getHostByName needs DNS: render with renderTemplate, which resolves names');
};

export function sprigNetworkFuncs(lookup: HostLookup): [string, GoFunc][] {
  return [
    [
      'getHostByName',
      fn(['string'], 'string', (a) => {
        const name = a[0] as string;
        // net.LookupHost("") answers "no such host" without asking anyone.
        const addrs = name === '' ? [] : lookup(name);
        if (addrs.length === 0) throw new FuncError('invalid argument to Intn');
        return addrs[randomInt(addrs.length)]!;
      }),
    ],
  ];
}
