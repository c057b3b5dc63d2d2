/**
 * Splits the text after `/ci` into words. Double and single quotes group words; Slack's
 * "smart" quotes count as quotes because phones type them. No escapes, no expansion: the words
 * are data, never shell.
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  const normalised = text.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'");
  let current = '';
  let quote: string | null = null;
  let inWord = false;
  for (const ch of normalised) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/u.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/**
 * Shortens user input echoed back in a message. Control and invisible format characters (bidi
 * overrides, zero-width) are dropped, and `& < >` escaped as Slack requires, so an echoed
 * `<!channel>` stays text instead of notifying everyone.
 */
export function echo(word: string, max = 60): string {
  const chars = [...word.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/`/g, "'")];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
  return cut.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
