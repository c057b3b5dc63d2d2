/**
 * Redaction belongs to one bot (issue 15.4): each bot's Redactor knows the secrets of its own
 * configuration and of its own adapters, and nothing registered by another bot — or by a
 * simulator — in the same process. Token formats are secrets to every bot.
 */
import { describe, expect, it } from 'vitest';
import { maskTokens, Redactor } from '../../src/redact.js';
import { createNomad, nomadSettingsFromEnv } from '../../src/nomad/index.js';

const NOMAD_TOKEN = '5f1c9a2e-0b7d-4c11-9e3a-7d2b4f6a8c01';

describe('a bot’s Redactor', () => {
  it('masks what it was told and leaves another bot’s list alone', () => {
    const a = new Redactor();
    const b = new Redactor();
    a.add('os-pass-Zq8v!x2');
    a.addPattern('AKIA[0-9A-Z]{16}');
    const text = 'pass os-pass-Zq8v!x2 key AKIAIOSFODNN7EXAMPLE';
    expect(a.redact(text)).toBe('pass [redacted] key [redacted]');
    expect(b.redact(text)).toBe(text);
  });

  it('masks Slack and Vault token formats for every bot, and in error text built without one', () => {
    const leak = 'slack xoxb-1111-2222-abcdefgh vault hvs.CAESIGq7c2VjcmV0LXZhdWx0LXRva2Vu';
    expect(new Redactor().redact(leak)).toBe('slack [redacted] vault [redacted]');
    expect(maskTokens(leak)).toBe('slack [redacted] vault [redacted]');
  });

  it('ignores values too short to be secrets, and masks inside structures', () => {
    const r = new Redactor();
    r.add('abc');
    r.add('s3cr3t-value');
    expect(r.redactDeep({ text: 'abc s3cr3t-value', list: ['s3cr3t-value', 3] })).toEqual({ text: 'abc [redacted]', list: ['[redacted]', 3] });
  });

  it('learns the Nomad token from the client built for the bot', async () => {
    const redactor = new Redactor();
    const nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: 'http://127.0.0.1:1', NOMAD_TOKEN }), { redactor });
    try {
      expect(redactor.redact(`token ${NOMAD_TOKEN}`)).toBe('token [redacted]');
      expect(new Redactor().redact(`token ${NOMAD_TOKEN}`)).toContain(NOMAD_TOKEN);
    } finally {
      await nomad.close();
    }
  });
});
