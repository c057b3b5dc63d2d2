/** Silence matching: exact fingerprints, or a glob on an alert's subject or fingerprint. */
import type { AlertFact } from '../facts.js';
import { globToRegExp } from '../glob.js';
import type { Silence } from './types.js';

export function silenceFor(fact: Pick<AlertFact, 'key' | 'subject'>, silences: readonly Silence[]): Silence | undefined {
  return silences.find((s) => {
    if (s.keys?.includes(fact.key)) return true;
    if (!s.pattern) return false;
    const re = globToRegExp(s.pattern);
    return re.test(fact.subject) || re.test(fact.key);
  });
}
