/** What `/ci alerts` shows: firing, silenced, inhibited, in-maintenance and pending alerts, the silences and the maintenance windows. */
import type { AlertFact } from '../facts.js';
import type { MaintenanceWindow } from '../maintenance.js';
import type { Silence } from './types.js';

export interface ListedAlert {
  /** `al-…`, as on the buttons. */
  id: string;
  fact: AlertFact;
  /** pending: waiting for its hold time (builders-down, node-unschedulable). */
  state: 'firing' | 'silenced' | 'inhibited' | 'maintenance' | 'pending';
  /** The silence id, the key of the alert that inhibits it, or the operation of its maintenance window. */
  why?: string;
  /** Where its message is, once posted. */
  channel?: string;
  ts?: string;
}

export interface AlertListing {
  at: number;
  alerts: ListedAlert[];
  silences: Silence[];
  /** Nodes an approved operation is taking away (absent in listings saved before windows existed). */
  maintenance?: MaintenanceWindow[];
}
