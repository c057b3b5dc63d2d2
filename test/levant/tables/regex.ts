/** RE2 semantics in every Sprig regex function: flags, classes, quoting, expansion, refusals. */

const calls = [
  'regexMatch "(?i)^HELLO" "hello world"', 'regexMatch "^HELLO" "hello world"', 'regexMatch "(?s)a.b" "a\\nb"', 'regexMatch "a.b" "a\\nb"',
  'regexFindAll "(?m)^\\\\w+" "one\\ntwo\\nthree" -1', 'regexFindAll "^\\\\w+" "one\\ntwo" -1', 'regexMatch "\\\\Ahello\\\\z" "hello"',
  'regexMatch "\\\\Ahello\\\\z" "hello\\n"', 'regexMatch "hello$" "hello\\n"', 'regexFind "\\\\Qa.b*c\\\\E" "xxa.b*cyy"',
  'regexFindAll "[[:space:]]+" "a b\\t\\nc" -1', 'regexFindAll "[[:^alpha:]]" "ab1-c" -1', 'regexFindAll "\\\\p{Greek}+" "abc αβγ δ" -1',
  'regexFindAll "\\\\PL+" "ab12cd!" -1', 'regexFind "\\\\pN+" "ab١٢٣" ', 'regexReplaceAll "(a)(b)" "abab" "$1x"', 'regexReplaceAll "(a)(b)" "abab" "${1}x"',
  'regexReplaceAll "(?P<first>a)" "abab" "<$first>"', 'regexReplaceAll "(?P<first>a)" "abab" "<${first}>"', 'regexReplaceAll "a" "abab" "$$"',
  'regexReplaceAll "a" "abab" "$"', 'regexReplaceAll "a" "abab" "${"', 'regexReplaceAll "(a)" "abab" "$2"', 'regexReplaceAll "(a)" "abab" "$01"',
  'regexReplaceAll "a*" "baaac" "-"', 'regexReplaceAll "" "abc" "-"', 'regexReplaceAll "x*" "αβ" "-"', 'regexReplaceAllLiteral "(a)" "abab" "$1"',
  'regexFindAll "a*" "baaac" -1', 'regexFindAll "" "abc" -1', 'regexFindAll "a" "aaaa" 2', 'regexFindAll "a" "aaaa" 0', 'regexFindAll "z" "aaaa" -1',
  'regexSplit "," "a,b,c" -1', 'regexSplit "," "a,b,c" 2', 'regexSplit "," "a,b,c" 0', 'regexSplit "," "" -1', 'regexSplit "" "abc" -1',
  'regexSplit "x*" "axxb" -1', 'regexSplit "," ",a," -1', 'regexQuoteMeta "1.5+[x]{2}^$|\\\\"', 'regexFind "(?U)a+" "aaa"', 'regexFind "a+?" "aaa"',
  'regexMatch "(?i)STRASSE" "straße"', 'regexMatch "(?i)k" "\\u212a"', 'regexFind "\\\\b\\\\w+\\\\b" "  word  "', 'regexFind "[^a]" "aé"',
  'regexFind "." "\\U0001F600x"', 'regexFindAll "\\\\d{2,3}" "1 12 1234 12345" -1', 'regexMatch "^[a-z0-9-]{1,63}$" "mesosci-cs8"',
  'regexFind "x{2}|y{1,}" "yyxx"', 'regexFind "(?:ab)+" "ababab"', 'regexFind "a|ab" "ab"', 'regexMatch "\\\\x41\\\\x{42}" "AB"',
  'regexFind "[\\\\d\\\\-]+" "a-12-b"', 'regexMatch "\\\\C" "a"', 'regexMatch "(?=x)" "x"', 'regexMatch "(a)\\\\1" "aa"', 'regexMatch "(?<=a)b" "ab"',
  'regexMatch "x++" "xx"', 'regexMatch "a{1001}" "a"', 'regexMatch "[z-a]" "a"', 'regexMatch "(" "a"',
  'mustRegexMatch "(?i)^HELLO" "hello"', 'mustRegexMatch "(" "a"', 'mustRegexMatch "(?!x)" "a"', 'regexFind "(" "a"', 'regexFindAll "(" "a" -1',
  'regexReplaceAll "(" "a" "b"', 'regexReplaceAllLiteral "[" "a" "b"', 'regexSplit "*" "a" -1', 'mustRegexFind "(" "a"', 'mustRegexFindAll "(" "a" -1',
  'mustRegexReplaceAll "(" "a" "b"', 'mustRegexReplaceAllLiteral "(" "a" "b"', 'mustRegexSplit "(" "a" -1', 'regexFind "`" "a"',
  'mustRegexFind "a" "bab"', 'mustRegexFindAll "a" "bab" -1', 'mustRegexReplaceAll "a(b)?" "ab a" "[$1]"', 'mustRegexSplit "a" "bab" -1',
  'regexFindAll "(?i)ǅ" "ǄǅǆDž" -1', 'regexFind "[[:word:]]+" "ab_1-x"', 'regexMatch "\\\\pZ" "\\u00a0"', 'regexFind "\\\\s+" "a\\u00a0\\u2003b"',
  'regexFind "\\\\S+" "\\u00a0ab"',
];

/** Go 1.22 added `(?<name>re)`; Levant 0.4 is built with Go 1.24, the Debian oracle with Go 1.19. */
export const REGEX_GO122: { template: string; out: string }[] = [
  { template: '[[ regexReplaceAll "(?<first>a)" "abab" "<$first>" ]]', out: '<a>b<a>b' },
  { template: '[[ regexMatch "(?<n>x)" "x" ]]', out: 'true' },
];

export const REGEX_TABLE: string[] = calls.map((c) => `[[ ${c} | printf "%#v" ]]`);
