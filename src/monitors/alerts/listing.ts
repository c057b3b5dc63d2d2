/** What `/ci alerts` shows: firing, silenced, inhibited and pending alerts, and the silences. */
import type { AlertFact } from '../facts.js';
import type { Silence } from './types.js';

export interface ListedAlert {
  /** `al-…`, as on the buttons. */
  id: string;
  fact: AlertFact;
  /** pending: waiting for its hold time (builders-down, node-unschedulable). */
  state: 'firing' | 'silenced' | 'inhibited' | 'pending';
  /** The silence id, or the key of the alert that inhibits it. */
  why?: string;
  /** Where its message is, once posted. */
  channel?: string;
  ts?: string;
}

export interface AlertListing {
  at: number;
  alerts: ListedAlert[];
  silences: Silence[];
}
