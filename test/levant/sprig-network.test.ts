/**
 * getHostByName: Levant asks the system's DNS. renderTemplate resolves with node:dns (checked
 * against Go on names /etc/hosts answers, so no query leaves the machine) or with an injected
 * resolver, which shows how names are resolved once each and re-rendered.
 */
import { lookup } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { renderTemplate, renderText } from '../../src/levant/index.js';
import { stringMap } from '../../src/levant/values.js';
import { buildOracle } from './oracle.js';

const oracle = buildOracle();

async function render(
  template: string,
  resolveHost?: (name: string) => Promise<string[]>,
  vars?: Record<string, string>,
): Promise<{ out: string; err: string | null }> {
  try {
    return { out: await renderTemplate({ templatePath: 'net.nomad', templateText: template, varFiles: [], vars, resolveHost }), err: null };
  } catch (e) {
    return { out: '', err: (e as Error).message };
  }
}

describe('getHostByName', () => {
  it('answers as Go does for localhost (from /etc/hosts) and for an empty name', async () => {
    if (!oracle) return;
    const templates = ['[[ has (getHostByName "localhost") (list "127.0.0.1" "::1") ]]', '[[ getHostByName "" ]]', '[[ getHostByName ]]'];
    const want = oracle(templates.map((template) => ({ name: 'net.nomad', template, vars: '' })));
    const got = await Promise.all(templates.map((t) => render(t)));
    expect(got).toEqual(want);
    expect(want[1]!.err).toContain('error calling getHostByName: invalid argument to Intn');
  });

  it('gives one of the addresses the system resolver has for the name', async () => {
    const system = (await lookup('localhost', { all: true })).map((a) => a.address);
    expect(system).not.toHaveLength(0);
    expect(system).toContain((await render('[[ getHostByName "localhost" ]]')).out);
  });

  it('asks the resolver once per name, including names built from variables, and picks among its addresses', async () => {
    const asked: string[] = [];
    const resolveHost = async (name: string): Promise<string[]> => {
      asked.push(name);
      return name === 'db.internal' ? ['10.0.0.7', '10.0.0.8'] : name === 'cache.internal' ? ['10.0.0.9'] : [];
    };
    const r = await render('[[ getHostByName "db.internal" ]] [[ getHostByName (printf "%s.internal" .svc) ]] [[ getHostByName "db.internal" ]]', resolveHost, {
      svc: 'cache',
    });
    expect(r.err).toBeNull();
    const [a, b, c] = r.out.split(' ');
    expect(['10.0.0.7', '10.0.0.8']).toContain(a);
    expect(b).toBe('10.0.0.9');
    expect(['10.0.0.7', '10.0.0.8']).toContain(c);
    expect(asked).toEqual(['db.internal', 'cache.internal']);
    const none = await render('[[ getHostByName "nowhere.internal" ]]', resolveHost);
    expect(none.err).toBe(
      'template: net.nomad:1:3: executing "net.nomad" at <getHostByName "nowhere.internal">: error calling getHostByName: invalid argument to Intn',
    );
  });

  it('is refused by renderText, which has no resolver', () => {
    expect(() => renderText('t', '[[ getHostByName "localhost" ]]', stringMap(new Map()), { templateDir: '/nonexistent' })).toThrow(/getHostByName needs DNS/);
  });
});
