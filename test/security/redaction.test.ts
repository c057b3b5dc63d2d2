/**
 * Secrets never reach Slack or the logs (issue 7 item 4): tokens that leak into a Nomad error
 * body — a Vault token, a Slack token, a configured pattern, the bot's OpenStack password —
 * are masked in the reply and in every log line. Each bot masks what it knows itself (its own
 * Redactor, issue 15.4): a second bot in the same process knows none of them. The values are also
 * handed to the suite-wide scan (test/global-setup.ts), which searches everything the bot emitted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { eventually } from '../support/eventually.js';
import { ACCESS_YAML, CHANNEL, startStack, type Stack } from '../support/stack.js';
import { recordKnownSecret } from './emitted.js';

let s: Stack | undefined;
afterEach(async () => s?.close());

const VAULT_TOKEN = 'hvs.CAESIGq7c2VjcmV0LXZhdWx0LXRva2VuLWZvci10ZXN0cw';
const SLACK_USER_TOKEN = 'xoxp-1111111111-2222222222-3333333333-abcdef0123456789';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const OPENSTACK_PASSWORD = ALICE_CREDENTIALS.password;

describe('secrets in what the bot says and logs', () => {
  it('masks every known kind of secret that leaks into a Nomad error', async () => {
    recordKnownSecret(VAULT_TOKEN, SLACK_USER_TOKEN, AWS_KEY, OPENSTACK_PASSWORD);
    // The bot's OpenStack client adds its password (OS_PASSWORD) to the bot's secrets.
    s = await startStack({ yaml: `${ACCESS_YAML}\nredaction:\n  patterns: ['AKIA[0-9A-Z]{16}']\n`, openstack: { auth: 'password' } });
    const stack = s;
    const leak = `backend said: vault=${VAULT_TOKEN} slack=${SLACK_USER_TOKEN} aws=${AWS_KEY} os=${OPENSTACK_PASSWORD}`;
    stack.nomad.controls.failNext({ status: 500, body: leak, count: 3, pathPrefix: '/v1/jobs' });
    await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    const reply = await eventually(
      () => stack.slack.store.ephemeralFor({ user: 'U0ALICE' }).find((e) => e.text.includes('Nomad could not be asked')),
      5_000,
      'reply',
    );
    expect(reply.text).toContain('backend said: vault=[redacted] slack=[redacted] aws=[redacted] os=[redacted]');
    const logged = stack.logs.join('\n');
    for (const secret of [VAULT_TOKEN, SLACK_USER_TOKEN, AWS_KEY, OPENSTACK_PASSWORD]) {
      expect(reply.text).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });

  it('never writes the bot token or the signing secret into a log line, even at debug level', async () => {
    s = await startStack();
    const stack = s;
    await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'help' });
    await eventually(() => stack.slack.store.ephemeralFor({ user: 'U0ALICE' }).length > 0, 5_000, 'help');
    expect(stack.logs.length).toBeGreaterThan(0);
    expect(stack.logs.join('\n')).not.toMatch(/xoxb-|test-signing-secret/);
  });
});
