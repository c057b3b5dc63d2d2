import { describe, expect, it } from 'vitest';
import { buttonsOf, renderMessageText, renderMrkdwn, type NameLookup } from '../../sim/slack/index.js';
import { plainStyle } from '../../sim/slack/render-style.js';

const names: NameLookup = {
  users: { U0ALICE: 'alice', U0BOB: 'bob' },
  channels: { C0CIOPS: 'ci-ops' },
  usergroups: { S0CIADMINS: 'ci-admins' },
};

const button = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'button', text: { type: 'plain_text', text }, ...extra });

/** The plan message of ux.md, as Block Kit (synthetic). */
const planBlocks = [
  { type: 'header', text: { type: 'plain_text', text: ':clipboard: Plan: scale ci-mesosci-cs8  8 → 10' } },
  {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: '```\n+/- Job: "ci-mesosci-cs8"\n+/- Task Group: "ci" (2 create, 8 ignore)\n  +/- Count: "8" =&gt; "10" (forces create)\n```\nScheduler dry-run: all tasks successfully allocated.',
    },
  },
  {
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: 'requested by <@U0ALICE>' },
      { type: 'mrkdwn', text: 'op-7f3k2' },
      { type: 'mrkdwn', text: 'needs 1 approval from <!subteam^S0CIADMINS|@ci-admins> (not <@U0ALICE>)' },
    ],
  },
  { type: 'divider' },
  { type: 'actions', elements: [button('Approve', { style: 'primary', action_id: 'approve' }), button('Reject', { style: 'danger', action_id: 'reject' })] },
];

describe('renderMessageText', () => {
  it('renders the plan message as plain terminal text', () => {
    expect(renderMessageText({ text: 'fallback', blocks: planBlocks }, { ...names, width: 10 })).toBe(
      [
        '📋 Plan: scale ci-mesosci-cs8  8 → 10',
        '  +/- Job: "ci-mesosci-cs8"',
        '  +/- Task Group: "ci" (2 create, 8 ignore)',
        '    +/- Count: "8" => "10" (forces create)',
        'Scheduler dry-run: all tasks successfully allocated.',
        'requested by @alice · op-7f3k2 · needs 1 approval from @ci-admins (not @alice)',
        '──────────',
        '[1] Approve  [2] Reject',
      ].join('\n'),
    );
  });

  it('uses ANSI bold, dim and button colours when asked', () => {
    const out = renderMessageText(planBlocks, { ...names, color: true, width: 3 });
    expect(out.split('\n')[0]).toBe('\x1b[1m📋 Plan: scale ci-mesosci-cs8  8 → 10\x1b[22m');
    expect(out).toContain('\x1b[2m───\x1b[22m');
    expect(out.split('\n').at(-1)).toBe('\x1b[32m[1] Approve\x1b[39m  \x1b[31m[2] Reject\x1b[39m');
  });

  it('falls back to the text when there are no blocks, and lists shared files', () => {
    expect(renderMessageText({ text: '*Applied:* scaled by <@U0BOB>', blocks: [] }, names)).toBe('Applied: scaled by @bob');
    expect(renderMessageText({ text: 'Full diff attached', files: [{ title: 'Full plan diff', name: 'plan.diff' }] })).toBe(
      'Full diff attached\n📎 Full plan diff (plan.diff)',
    );
  });

  it('numbers buttons across the message the way buttonsOf does, accessories included', () => {
    const blocks = [
      { type: 'section', block_id: 's', text: { type: 'mrkdwn', text: '🔴 Node down: alibuild07' }, accessory: button('Show node', { action_id: 'show' }) },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Datacenter*' },
          { type: 'plain_text', text: 'cern-a' },
        ],
      },
      {
        type: 'actions',
        block_id: 'a',
        elements: [button('Reboot VM…', { action_id: 'reboot', value: 'alibuild07' }), button('Silence 1h', { action_id: 'silence' })],
      },
    ];
    expect(renderMessageText(blocks)).toBe('🔴 Node down: alibuild07\n[1] Show node\nDatacenter\ncern-a\n[2] Reboot VM…  [3] Silence 1h');
    expect(buttonsOf({ blocks })).toEqual([
      { index: 1, actionId: 'show', blockId: 's', text: 'Show node' },
      { index: 2, actionId: 'reboot', blockId: 'a', text: 'Reboot VM…', value: 'alibuild07' },
      { index: 3, actionId: 'silence', blockId: 'a', text: 'Silence 1h' },
    ]);
  });

  it('renders images and rich text minimally and skips unknown blocks', () => {
    const blocks = [
      { type: 'image', image_url: 'https://example.org/g.png', alt_text: 'allocation graph' },
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'ping ' },
              { type: 'user', user_id: 'U0BOB' },
              { type: 'emoji', name: 'warning' },
            ],
          },
          { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }] },
          { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'ls /build' }] },
        ],
      },
      { type: 'something_new' },
    ];
    expect(renderMessageText(blocks, names)).toBe('[image: allocation graph]\nping @bob⚠️\n• one\n  ls /build');
  });
});

describe('renderMrkdwn', () => {
  const md = (s: string) => renderMrkdwn(s, plainStyle, names);

  it.each([
    ['*bold* and _italic_ and ~gone~', 'bold and italic and gone'],
    ['snake_case_name stays, 2*3*4 stays', 'snake_case_name stays, 2*3*4 stays'],
    ['`/ci diskfree` checks', '`/ci diskfree` checks'],
    ['`*not bold*` in code', '`*not bold*` in code'],
    ['<@U0ZED> and <@U0ZED|zed> and <#C0CIOPS> and <#C9|other>', '@U0ZED and @zed and #ci-ops and #other'],
    ['<!here> <!channel> <!date^1764000000^{date}|Nov 24>', '@here @channel Nov 24'],
    ['<https://example.org> <https://example.org|docs> <mailto:a@b.c|a@b.c>', 'https://example.org docs (https://example.org) a@b.c'],
    ['*<https://nomad/ui|job>* done :white_check_mark:', 'job (https://nomad/ui) done ✅'],
    ['a &amp; b &lt;c&gt;', 'a & b <c>'],
    ['unclosed ``` fence', 'unclosed ``` fence'],
    ['before ```inline code``` after', 'before \n  inline code\n after'],
  ])('%s', (input, expected) => {
    expect(md(input)).toBe(expected);
  });
});
