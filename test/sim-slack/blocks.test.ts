import { webApi } from '@slack/bolt';
import { request } from 'undici';
import { quietLogger } from './quiet-logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.js';

const token = 'xoxb-sim-blocks-test-token';
let sim: SlackSim;
let client: webApi.WebClient;

beforeAll(async () => {
  sim = await startSlackSim({ botToken: token });
  client = new webApi.WebClient(token, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger });
});
afterAll(() => sim.close());

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'button', text: { type: 'plain_text', text }, ...extra });

async function post(blocks: unknown): Promise<{ error?: string; messages?: string[] }> {
  try {
    await client.chat.postMessage({ channel: 'C0CIOPS', text: 'fallback', blocks: blocks as never });
    return {};
  } catch (err) {
    const data = (err as webApi.WebAPIPlatformError).data as { error: string; response_metadata?: { messages?: string[] } };
    return { error: data.error, ...(data.response_metadata?.messages ? { messages: data.response_metadata.messages } : {}) };
  }
}

describe('Block Kit validation', () => {
  const invalid: [string, unknown][] = [
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' }))],
    ['an unknown block type', [{ type: 'table_of_doom' }]],
    ['section text over 3000', [section('x'.repeat(3001))]],
    ['a section with neither text nor fields', [{ type: 'section' }]],
    ['header text over 150', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }]],
    ['a mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: '*h*' } }]],
    ['11 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }]],
    ['26 action elements', [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`, { action_id: `a${i}` })) }]],
    ['button text over 75', [{ type: 'actions', elements: [button('b'.repeat(76))] }]],
    ['button value over 2000', [{ type: 'actions', elements: [button('ok', { value: 'v'.repeat(2001) })] }]],
    ['action_id over 255', [{ type: 'actions', elements: [button('ok', { action_id: 'a'.repeat(256) })] }]],
    ['block_id over 255', [{ type: 'divider', block_id: 'b'.repeat(256) }]],
    [
      'a duplicate action_id',
      [
        { type: 'actions', elements: [button('Approve', { action_id: 'go' })] },
        { type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: button('Again', { action_id: 'go' }) },
      ],
    ],
    ['a button style Slack lacks', [{ type: 'actions', elements: [button('ok', { style: 'warning' })] }]],
  ];

  it.each(invalid)('refuses %s with invalid_blocks', async (_name, blocks) => {
    expect((await post(blocks)).error).toBe('invalid_blocks');
  });

  it('says where the problem is, as Slack does in response_metadata', async () => {
    const res = await post([{ type: 'divider' }, section('x'.repeat(3001))]);
    expect(res.messages?.join('\n')).toContain('/blocks/1/text/text');
  });

  it('accepts blocks at the limits', async () => {
    expect(await post([section('x'.repeat(3000)), { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } }])).toEqual({});
    expect(
      await post([
        { type: 'actions', elements: Array.from({ length: 25 }, (_, i) => button('b'.repeat(75), { action_id: `a${i}`, value: 'v'.repeat(2000) })) },
      ]),
    ).toEqual({});
  });

  it('refuses more than 12,000 characters of block text in total with msg_blocks_too_long', async () => {
    expect((await post(Array.from({ length: 5 }, () => section('y'.repeat(2500))))).error).toBe('msg_blocks_too_long');
    expect(await post(Array.from({ length: 4 }, () => section('y'.repeat(2500))))).toEqual({});
  });

  it('refuses malformed blocks JSON in a form body', async () => {
    const res = await request(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, channel: 'C0CIOPS', text: 'x', blocks: '[{"type":"divider"' }).toString(),
    });
    expect(await res.body.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });

  it('applies the same checks to chat.update and keeps the message unchanged', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0CIOPS', text: 'original' });
    const err = await client.chat.update({ channel: 'C0CIOPS', ts: posted.ts!, blocks: [{ type: 'nope' }] as never }).catch((e: unknown) => e);
    expect((err as webApi.WebAPIPlatformError).data.error).toBe('invalid_blocks');
    expect(sim.store.message('C0CIOPS', posted.ts!)).toMatchObject({ text: 'original', versions: [] });
  });

  it('refuses chat.update without ts as invalid_arguments', async () => {
    const res = await request(`${sim.apiUrl}chat.update`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, channel: 'C0CIOPS', text: 'x' }).toString(),
    });
    expect(await res.body.json()).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });
});
