/**
 * The text of a slash command as Slack sends it (the simulator) and as the bot reads it back
 * (src/slack/slash-text.ts), issue 13.4.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultChannels, defaultUsergroups, defaultUsers, SlackStore, slashCommandText, startSlackSim } from '../../sim/slack/index.js';
import { unescapeSlashText } from '../../src/slack/slash-text.js';

const store = new SlackStore({ channels: defaultChannels, users: defaultUsers, usergroups: defaultUsergroups }, Date.now);
const slack = (typed: string, shouldEscape = true) => slashCommandText(typed, store, shouldEscape);

describe('the simulator sends the text escaped as Slack does', () => {
  it('escapes &, < and > always', () => {
    expect(slack('silence a<b 1h disk & "x>y"', false)).toBe('silence a&lt;b 1h disk &amp; "x&gt;y"');
  });

  it('with should_escape, links host names, users, user groups and channels', () => {
    expect(slack('node alibuild05.cern.ch')).toBe('node <http://alibuild05.cern.ch|alibuild05.cern.ch>');
    expect(slack('history @alice')).toBe('history <@U0ALICE|alice>');
    expect(slack('x #ci-ops @ci-admins @here')).toBe('x <#C0CIOPS|ci-ops> <!subteam^S0CIADMINS|@ci-admins> <!here>');
    expect(slack('logs https://x.cern.ch/a?b=1&c=2')).toBe('logs <https://x.cern.ch/a?b=1&amp;c=2>');
    expect(slack('silence "alibuild05.cern.ch," 1h')).toBe('silence "<http://alibuild05.cern.ch|alibuild05.cern.ch>," 1h');
  });

  it('leaves what Slack does not link: job names, unknown users, file names, short host names', () => {
    const typed = 'deploy ci/mesosci-cs8 @nobody #nowhere mesosci-cs8.yaml alibuild05 --tail 5';
    expect(slack(typed)).toBe(typed);
  });

  it('follows the manifest: /ci is escaped, and the simulator escapes by default', async () => {
    const manifest = parse(readFileSync(resolve(import.meta.dirname, '../../slack-manifest.yaml'), 'utf8')) as {
      features: { slash_commands: Array<{ command: string; should_escape?: boolean }> };
    };
    expect(manifest.features.slash_commands.find((c) => c.command === '/ci')?.should_escape).toBe(true);
    const sim = await startSlackSim({ botToken: 'xoxb-escape-test' });
    expect(sim.shouldEscape).toBe(true);
    await sim.close();
  });
});

describe('the bot reads back what was typed', () => {
  it('reads a link as its label, a bare link as its URL', () => {
    expect(unescapeSlashText('node <http://alibuild05.cern.ch|alibuild05.cern.ch>')).toBe('node alibuild05.cern.ch');
    expect(unescapeSlashText('logs <https://x.cern.ch/a?b=1&amp;c=2>')).toBe('logs https://x.cern.ch/a?b=1&c=2');
    expect(unescapeSlashText('<mailto:a@cern.ch|a@cern.ch>')).toBe('a@cern.ch');
  });

  it('reads a user as the ID commands take, channels and groups by name', () => {
    expect(unescapeSlashText('history <@U0ALICE|alice>')).toBe('history <@U0ALICE>');
    expect(unescapeSlashText('history <@U0ALICE>')).toBe('history <@U0ALICE>');
    expect(unescapeSlashText('<#C0CIOPS|ci-ops> <#C0CIOPS> <!subteam^S0CIADMINS|@ci-admins> <!here> <!date^1392734382^{date}|Feb 18>')).toBe(
      '#ci-ops <#C0CIOPS> @ci-admins @here Feb 18',
    );
  });

  it('decodes entities once, labels included', () => {
    expect(unescapeSlashText('a&amp;b &lt;x&gt; &amp;lt; <http://a.ch|a&amp;b>')).toBe('a&b <x> &lt; a&b');
  });

  it('gives back any typed text that Slack does not link, with or without should_escape', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9&<>"'|_./-]{0,12}$/).filter((w) => !/[@#]|\.[a-z]/i.test(w));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.boolean(), (words, escape) => {
        const typed = words.join(' ');
        expect(unescapeSlashText(slack(typed, escape))).toBe(typed);
      }),
    );
  });

  it('reads a host name Slack linked as typed', () => {
    for (const typed of ['node alibuild05.cern.ch', 'silence "alibuild05.cern.ch," 1h', 'logs https://x.cern.ch/a?b=1&c=2']) {
      expect(unescapeSlashText(slack(typed))).toBe(typed);
    }
  });
});
