/**
 * What every answer to hostile input must satisfy (issue 7 item 6), shared by the parser
 * property tests and the tests through the real bot.
 */

/** Slack's limit for a message's text (and a section's): more is cut or refused. */
export const SLACK_TEXT_MAX = 3_000;

/** C0/C1 control characters (tab and newline are ours) and bidi overrides/isolates. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** Mentions that would notify a whole channel or workspace. */
const BROADCAST = /<!(?:channel|here|everyone)\b/i;

/** Why a reply text is unacceptable, or undefined when it is fine. */
export function replyProblem(text: string): string | undefined {
  if (text.length === 0) return 'empty reply';
  if (text.length > SLACK_TEXT_MAX) return `reply of ${text.length} characters`;
  if (RAW_CONTROL.test(text)) return `raw control character U+${text.match(RAW_CONTROL)![0].codePointAt(0)!.toString(16)}`;
  if (BROADCAST.test(text)) return 'unescaped broadcast mention';
  return undefined;
}
