/** Which Nomad or Consul member is which configured master (jobs/read/master-names.ts). */
import { describe, expect, it } from 'vitest';
import { nomadNodeName, sameHost } from '../../jobs/read/master-names.js';

describe('master names', () => {
  it('takes the region off a Nomad member name, whatever the node name looks like', () => {
    expect(nomadNodeName({ Name: 'alimesos01.global', Tags: { region: 'global' } })).toBe('alimesos01');
    expect(nomadNodeName({ Name: 'alimesos01.cern.ch.global', Tags: { region: 'global' } })).toBe('alimesos01.cern.ch');
    expect(nomadNodeName({ Name: 'alimesos01.cern.ch.cern', Tags: { region: 'cern' } })).toBe('alimesos01.cern.ch');
    expect(nomadNodeName({ Name: 'alimesos01.global' })).toBe('alimesos01'); // no tags: the last label
  });

  it('matches short names and FQDNs of the same host, and nothing else', () => {
    expect(sameHost('alimesos01', 'alimesos01.cern.ch')).toBe(true);
    expect(sameHost('ALIMESOS01.cern.ch', 'alimesos01.cern.ch')).toBe(true);
    expect(sameHost('alimesos01', 'alimesos01')).toBe(true);
    expect(sameHost('alimesos01', 'alimesos011')).toBe(false);
    expect(sameHost('alimesos01.cern.ch', 'alimesos01.example.org')).toBe(false);
  });
});
