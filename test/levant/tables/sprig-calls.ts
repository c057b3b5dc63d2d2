/**
 * Sprig functions called the ways var-file data and templates call them, printed with %#v so
 * that Go types show. Each group runs against the oracle with SPRIG_VARS as the var file.
 */
export const SPRIG_VARS = `${[
  'list: [1, "two", 3.5, null, true, "", 0]', 'strs: ["b", "a", "c", "a"]', 'ints: [3, 1, 2]', 'empty: []', 'n: 7', 'f: 2.5', 's: hello',
  'nested: {a: {b: {c: deep}}}', 'm: {x: 1, y: [1, 2]}', 'nothing: ~', 'word: "Hello World"',
].join('\n')}\n`;

export const LIST_CALLS = [
  'list 1 "a" nil', 'tuple 1 2', 'append .list 9', 'push .ints 4', 'mustAppend .ints 4', 'append .n 1', 'append .nothing 1', 'prepend .ints 0',
  'mustPrepend .strs "z"', 'prepend "x" 1', 'first .list', 'first .empty', 'first .s', 'mustFirst .n', 'first .nothing', 'last .ints', 'last .empty',
  'mustLast .strs', 'rest .ints', 'rest .empty', 'mustRest .strs', 'initial .ints', 'initial .empty', 'mustInitial .n', 'reverse .ints', 'reverse .empty',
  'mustReverse .s', 'compact .list', 'mustCompact .empty', 'compact .n', 'uniq .strs', 'uniq (list 1 1.0 "1" 1)', 'mustUniq (list (list 1) (list 1))',
  'without .strs "a"', 'without .ints 1 2', 'mustWithout .s "x"', 'has "a" .strs', 'has 1 .ints', 'has 1.0 .ints', 'has "x" .nothing', 'mustHas 1 .n',
  'slice .ints 1', 'slice .ints 1 2', 'slice .empty', 'slice .ints 2 1', 'mustSlice .ints 0 9', 'slice .s 1', 'concat .ints .strs', 'concat .empty',
  'concat .ints 1', 'concat', 'chunk 2 .ints', 'chunk 3 (list 1 2 3 4 5 6 7)', 'chunk 2 .empty', 'mustChunk 1 .s', 'sortAlpha .strs', 'sortAlpha .ints',
  'sortAlpha .s', 'sortAlpha .list', 'until 3', 'until -2', 'untilStep 0 10 3', 'untilStep 10 0 -4', 'untilStep 0 3 0', 'seq 3', 'seq 2 -2', 'seq 0 2 7',
];

export const DICT_CALLS = [
  'dict "a" 1 "b"', 'dict 1 2 true "x"', 'get (dict "a" 1) "a"', 'get (dict "a" 1) "z"', 'get . "n"', 'set (dict "a" 1) "b" 2', 'unset (dict "a" 1 "b" 2) "a"',
  'hasKey . "list"', 'hasKey . "zz"', 'pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3)', 'keys (dict "b" 1 "a" 2) | sortAlpha', 'keys (dict "a" 1) (dict "a" 2 "c" 3) | sortAlpha',
  'pick (dict "a" 1 "b" 2 "c" 3) "a" "c" "z"', 'omit (dict "a" 1 "b" 2 "c" 3) "a" "z"', 'values (dict "a" 1) | first',
  'merge (dict "a" 1 "b" "") (dict "a" 2 "b" 3 "c" 4)', 'merge (dict "a" (dict "x" 1)) (dict "a" (dict "x" 2 "y" 3))', 'mustMerge (dict) (dict "a" (list 1))',
  'merge (dict "l" (list 1)) (dict "l" (list 2 3))', 'merge (dict "z" 0 "f" false) (dict "z" 5 "f" true)', 'merge (dict "n" nil) (dict "n" 1)', 'merge (dict "a" 1) (dict "a" nil)',
  'mergeOverwrite (dict "a" 1 "b" 2) (dict "a" 9 "c" 3)', 'mergeOverwrite (dict "a" (dict "x" 1 "k" 1)) (dict "a" (dict "x" 2))', 'mergeOverwrite (dict "l" (list 1)) (dict "l" (list 2 3))',
  'mergeOverwrite (dict "a" 1) (dict "a" nil)', 'mergeOverwrite (dict "a" 1) (dict "a" "")', 'mustMergeOverwrite (dict "a" 1) (dict "b" 2) (dict "a" 3)',
  'deepCopy (dict "a" (list 1 (dict "b" 2)))', 'deepCopy .nothing', 'deepCopy 1', 'mustDeepCopy (list 1 2)', 'dig "a" "b" "c" "def" (dict "a" (dict "b" (dict "c" 1)))',
  'dig "a" "z" "def" (dict "a" (dict "b" 1))', 'dig "a" "b" "def" (dict "a" 1)', 'dig "a" "def" .', 'dig "list" "def" .', 'dig "x" "d" (dict)', 'dig 1 "d" (dict)',
  'dig "nested" "a" "d" .',
];

export const MATH_CALLS = [
  'addf 1.1 2.2', 'addf 0.1 0.2', 'addf 1 "2.5" nil', 'add1f 1.5', 'add1f "x"', 'subf 1.5 0.1 0.2', 'subf 10', 'mulf 1.1 3', 'mulf 0.1 0.1 0.1', 'divf 1 3',
  'divf 10 4', 'divf 2 3', 'divf -2 3', 'divf 1 0', 'divf 1e21 3', 'addf .f .n', 'mulf 1e-7 1e-7', 'divf 1 7 3', 'addf (float64 "NaN")', 'maxf 1 2.5 -3',
  'minf 1 2.5 -3', 'maxf "x" 0', 'biggest 1 5 3', 'max 1 5 3', 'min 4 2 "3"', 'floor 2.7', 'floor -2.2', 'ceil 2.1', 'ceil "3.5"', 'round 3.14159 2',
  'round 2.5 0', 'round -2.5 0', 'round 1.234 1 0.3', 'round 12345 -2', 'round "7.77" 1', 'toDecimal "0777"', 'toDecimal 777', 'toDecimal "8"', 'toDecimal "-17"',
  'toDecimal 0.5', 'add 1 2.9 "3"', 'add1 "x"', 'sub 10 "4"', 'mul 2 3 4', 'div 7 2', 'div 1 0', 'mod 7 3', 'mod 1 0', 'int "0x1F"', 'int "1.0"', 'int 3.99',
  'int64 "-08"', 'float64 "1e3"', 'float64 "0x10"', 'atoi "42"', 'atoi "4x"', 'atoi "+5"', 'int .nothing', 'add1 true', 'mul 9223372036854775807 2',
];

export const TYPE_CALLS = [
  'typeOf 1', 'typeOf 1.5', 'typeOf .list', 'typeOf .nested', 'typeOf .', 'typeOf nil', 'typeOf .nothing', 'typeOf (int64 1)', 'typeOf (parseUint "1")',
  'typeOf (list)', 'typeOf (until 2)', 'typeOf (splitList "," "a")', 'typeIs "int" 1', 'typeIs "string" 1', 'typeIsLike "int" 1', 'kindOf 1', 'kindOf .list',
  'kindOf .nested', 'kindOf nil', 'kindOf (int64 2)', 'kindOf "s"', 'kindOf now', 'kindIs "map" .', 'kindIs "slice" .s', 'kindIs "invalid" nil',
  'deepEqual (list 1 2) (list 1 2)', 'deepEqual (list 1) (list 1.0)', 'deepEqual .m .m', 'deepEqual nil nil', 'deepEqual (dict) (dict)', 'fail "stop here"',
  'all 1 "a" true', 'all 1 "" true', 'all', 'any 0 "" nil', 'any 0 "x"', 'any', 'toJson .', 'toJson .nested', 'toJson (list "<&>")', 'mustToJson .nested',
  'toPrettyJson (dict "a" (list 1 2) "b" (dict))', 'mustToPrettyJson .m', 'toRawJson (list "<&>" "é")', 'toRawJson .nested', 'mustToRawJson (dict "k" "<v>")',
  'toJson (float64 "NaN")', 'mustToJson (float64 "Inf")', 'toJson 1e21', 'toJson 1e-7', 'toJson 100000000000000000000.0', 'toJson -0.0', 'toJson (splitList "" "")',
  'fromJson "{\\"a\\": [1, 2.5, null, true, \\"x\\"]}"', 'fromJson "[1"', 'fromJson ""', 'fromJson "1e400"', 'fromJson "12345678901234567890"', 'mustFromJson "{bad"',
  'mustFromJson "[1,]"', 'mustFromJson "\\"\\\\ud800\\""', 'mustFromJson "{\\"a\\":1,\\"a\\":2}"', 'mustFromJson "nul"', 'mustFromJson "1 2"', 'mustFromJson " "',
  'hello', 'default "d" .nothing', 'default "d" 0', 'default "d" .list', 'coalesce nil "" 0 "x"', 'ternary 1 2 true', 'empty .empty', 'empty (dict)',
];

export const STRING_CALLS = [
  'upper "straße"', 'upper "ǆ ᾳ ﬀ ŉ"', 'lower "İSTANBUL ΣΑΣ"', 'lower "ǅ K"', 'title "hello ǆungla o\'neil ßa 3rd_x"', 'title "αβγ δ"', 'toUpper "straße"',
  'toLower "İ"', 'firstRuneToUpper "ßa"', 'firstRuneToUpper "ǆa"', 'runeToLower "ABC" 1', 'untitle "Hello World  Ǆx"', 'swapcase "Hello wORLD ǅx ß"',
  'initials "hello big world"', 'initials "élan vital"', 'abbrev 5 "hello world"', 'abbrev 3 "hello"', 'abbrev 20 "short"', 'abbrevboth 5 10 "1234 5678 9123 4567"',
  'abbrevboth 1 10 "1234 5678 9123 4567"', 'abbrevboth 5 6 "1234567890"', 'abbrevboth 12 10 "1234 5678 9123"', 'wrap 5 "Hello World foo"', 'wrap 3 "a verylongword b"',
  'wrapWith 5 "\\t" "Hello World"', 'wrapWith 3 "|" "abcdefgh ij"', 'plural "one" "many" 1', 'plural "one" "many" 2', 'cat "a" nil 1 (list 2)', 'cat',
  'trim "  \\u00a0 x \\ufeff "', 'trimAll "$" "$5.00$"', 'trimall "ab" "abcba"', 'trimPrefix "a" "aab"', 'trimSuffix "" "x"', 'replace "" "-" "abc"', 'replace "" "-" ""',
  'levantReplace "abc" "" "-"', 'replace "a" "b" "banana"', 'nospace "a b\\tc\\n"', 'nospace "é x"', 'nospace "noop"', 'repeat 3 "ab"', 'repeat 0 "x"', 'repeat -1 "x"',
  'substr 1 3 "hello"', 'substr -1 2 "hello"', 'substr 2 99 "hello"', 'substr 2 4 "αβγ"', 'trunc 3 "hello"', 'trunc -2 "hello"', 'trunc 9 "hi"', 'splitn "," 2 "a,b,c"',
  'splitn "," 0 "a,b"', 'splitn "" 2 "abc"', 'split "," "a,,b"', 'splitList "" "αβ"', 'toStrings (list 1 nil "a" 2.5)', 'toStrings .ints', 'toStrings "x"', 'toStrings nil',
  'join "-" .ints', 'join "," "abc"', 'quote "a\\"b" 1 nil', 'squote "x" nil 2', 'indent 2 "a\\nb"', 'nindent 1 "x"', 'indent -1 "x"', 'contains "ell" "hello"',
  'hasPrefix "he" "hello"', 'hasSuffix "lo" "hello"', 'sha1sum "abc"', 'sha256sum ""', 'adler32sum "Wikipedia"', 'b64enc "hé"', 'b64dec "aMOp"',
  'b64dec "not base64!"', 'b64dec "YQ"', 'b32enc "hello"', 'b32enc ""', 'b32dec "NBSWY3DP"', 'b32dec "NBSWY3D"', 'b32dec "NBSWY3DP!"', 'b32dec "ME======"',
  'base "/a/b/c.txt"', 'base "/a/b/"', 'base ""', 'base "/"', 'dir "/a/b/c"', 'dir "a"', 'dir "/a/"', 'clean "a/../../b//./c/"', 'clean "/../x"', 'clean ""',
  'ext "x.tar.gz"', 'ext "/a.b/c"', 'isAbs "/x"', 'isAbs "x"', 'osBase "/a/b"', 'osDir "a/b"', 'osClean "a//b"', 'osExt "f.go"', 'osIsAbs "/"',
  'expandenv "$ORACLE_GREETING and ${ORACLE_GREETING}!"', 'expandenv "cost: $5 $ ${NOPE}x $$"', 'expandenv "${"', 'expandenv "a${}b"',
  'urlParse "https://user:pw@example.com:8080/a%20b/c?x=1&y=2#frag"', 'urlParse "http://example.com"', 'urlJoin (dict "scheme" "https" "host" "example.com" "path" "/a b" "query" "x=1")',
  'printf "%[2]d %[1]s" "a" 3', 'printf "%[3]d" 1', 'printf "%[0]d|%[x]d" 1', 'printf "%[2]*[1]d" 7 4', 'printf "%-[1]*d|" 3 5', 'printf "%d %d %[1]d %d" 1 2',
  'printf "%.[2]*[1]f" 3.14159 2', 'printf "%[1]d %[1]q" 65', 'printf "%[5]d" 1 2',
];

export const CASE_CALLS = [
  'snakecase "FirstName"', 'snakecase "HTTPServer"', 'snakecase "NoHTTPS"', 'snakecase "GO_PATH"', 'snakecase "GO PATH"', 'snakecase "GO-PATH"', 'snakecase "http2xx"',
  'snakecase "HTTP20xOK"', 'snakecase "Duration2m3s"', 'snakecase "Bld4Floor3rd"', 'snakecase "a.b c"', 'snakecase "中文Name"', 'snakecase ""', 'snakecase "ÉtéHiver"',
  'kebabcase "FirstName"', 'kebabcase "HTTPServer"', 'kebabcase "some_words here"', 'camelcase "some_words"', 'camelcase "http_server"', 'camelcase "_complex__case_"',
  'camelcase "some words"', 'camelcase "GOLANG_IS_GREAT"', 'camelcase "_"', 'camelcase "a"', 'camelcase ""', 'camelcase "mesosci-cs8"',
  'len (randAlphaNum 12)', 'regexMatch "^[a-zA-Z0-9]{8}$" (randAlphaNum 8)', 'regexMatch "^[a-zA-Z]{5}$" (randAlpha 5)', 'regexMatch "^[0-9]{6}$" (randNumeric 6)',
  'regexMatch "^[ -~]{7}$" (randAscii 7)', 'randAlpha 0', 'randAlpha -1', 'lt (randInt 3 5) 5', 'ge (randInt 3 5) 3', 'randInt 5 5', 'len (shuffle "hello")',
  'regexMatch "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" uuidv4', 'len (randBytes 9)',
];

/** Sprig 3.3.0 (Levant 0.4) has what Debian's 3.2.3 lacks. */
export const SPRIG_330: { call: string; out: string; why: string }[] = [
  { call: 'sha512sum "abc"', why: 'sha512sum is new in Sprig 3.3.0', out: '"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"' },
];

export const DATE_CALLS = [
  'duration 90', 'duration "3700"', 'duration (int64 86400)', 'duration 1.5', 'duration "x"', 'duration (int64 0)', 'duration "-61"',
  'durationRound "2h10m"', 'durationRound "-3h"', 'durationRound "40d"', 'durationRound (int64 3000000000)', 'durationRound "1s"', 'durationRound "x"',
  'durationRound "1.5us"', 'durationRound 5', 'dateInZone "2006-01-02T15:04:05Z07:00" 1700000000 "UTC"', 'dateInZone "Jan _2 15:04:05.000" (int64 1700000000) "UTC"',
  'dateInZone "2006-01-02 15:04 -0700" 1700000000 "Asia/Kolkata"', 'dateInZone "2006-01-02 15:04 -07:00" 1700000000 "America/New_York"',
  'dateInZone "2006-01-02 15:04 Z07:00" 1700000000 "Not/AZone"', 'htmlDateInZone 1700000000 "UTC"', 'htmlDateInZone (int64 0) "Pacific/Kiritimati"',
  'dateInZone "Monday January 2 3:04PM 2006 002 .999" 1700000000 "UTC"', 'typeOf (dateModify "1h" now)', 'typeOf (dateModify "bad" now)',
  'mustDateModify "bad" now', 'mustDateModify "1x" now', 'mustDateModify "" now', 'mustDateModify "1.5.5h" now', 'unixEpoch (dateModify "0s" now) | len',
  'ago (dateModify "-90s" now)', 'ago (dateModify "-2h3m4s" now)',
];

/** toDate/mustToDate (time.ParseInLocation in Local), printed with time.Time's String(). */
export const TODATE_CALLS = [
  'toDate "2006-01-02" "2024-02-29"', 'toDate "2006-01-02" "2023-02-29"', 'toDate "2006-01-02" "nope"', 'toDate "2006-01-02 15:04:05" "2024-01-02 03:04:05"',
  'toDate "2006-01-02T15:04:05Z07:00" "2024-01-02T03:04:05+05:30"', 'toDate "2006-01-02T15:04:05Z07:00" "2024-01-02T03:04:05Z"',
  'toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-01-02T03:04:05.123456789-08:00"', 'toDate "2006-01-02T15:04:05.000Z" "2024-01-02T03:04:05.120Z"',
  'toDate "2006-01-02 15:04:05" "2024-01-02 03:04:05.5"', 'toDate "2006-01-02 15:04:05" "2024-01-02 03:04:05,25"', 'toDate "Jan _2 2006" "feb  3 2021"',
  'toDate "January 2, 2006" "MARCH 9, 1999"', 'toDate "Mon Jan 2 2006" "Tue Mar 9 1999"', 'toDate "Monday" "Someday"', 'toDate "02/01/06" "31/12/68"',
  'toDate "02/01/06" "31/12/69"', 'toDate "3:04PM" "3:04PM"', 'toDate "3:04pm" "12:30am"', 'toDate "15:04" "24:00"', 'toDate "15:04" "23:60"', 'toDate "2006-002" "2024-060"',
  'toDate "2006-002" "2023-366"', 'toDate "2006 __2" "2024  60"', 'toDate "2006-01-02 002" "2024-03-01 061"', 'toDate "2006-01-02 002" "2024-03-02 061"',
  'toDate "2006-01-02 MST" "2024-01-02 UTC"', 'toDate "2006-01-02 MST" "2024-01-02 PDT"', 'toDate "2006-01-02 MST" "2024-01-02 GMT+3"', 'toDate "2006-01-02 MST" "2024-01-02 ABCDEF"',
  'toDate "2006-01-02 -0700" "2024-01-02 +0000"', 'toDate "2006-01-02 -07" "2024-01-02 -03"', 'toDate "2006-01-02 -07:00:00" "2024-01-02 +01:02:03"',
  'toDate "2006-01-02 -070000" "2024-01-02 -010203"', 'toDate "2006" "99999"', 'toDate "2006-01-02" "2024-1-02"', 'toDate "2006-1-2" "2024-1-2"',
  'toDate "2006-01-02" "2024-01-02 extra"', 'toDate "" ""', 'toDate "" "x"', 'toDate "2006 01 02" "2024   01 02"', 'toDate "_2006" "_2024"',
  'toDate "2006-01-02 15:04:05.000" "2024-01-02 03:04:05.1"', 'toDate "2006-01-02 15:04:05.999" "2024-01-02 03:04:05"', 'toDate "Jan" "Janx"',
  'toDate "Jan 02" "Jan 32"', 'toDate "15:04:05" "10:11:12"', 'toDate "2006-01-02" "0000-01-01"', 'toDate "2006-01-02" "0099-06-15"',
  'mustToDate "2006-01-02" "2024-13-01"', 'mustToDate "2006-01-02" "x2024"', 'mustToDate "2006-01-02" "2024-02-30"', 'mustToDate "2006-01-02" "été"',
  'mustToDate "15:04:05" "10:11:60"', 'mustToDate "2006-002" "2024-367"', 'mustToDate "2006-01-02 002" "2024-03-02 061"', 'mustToDate "Jan 2006" "Jan 2006 x\\ty"',
  'toDate "2006-01-02" "2024-05-06" | date "Monday 02 Jan 2006"', 'toDate "2006-01-02" "2024-05-06" | unixEpoch', 'mustToDate "2006-01-02T15:04:05Z07:00" "1970-01-01T01:00:00+01:00" | unixEpoch',
  'toDate "2006-01-02" "2024-05-06" | typeOf', 'toDate "2006-01-02T15:04:05Z07:00" "2024-01-02T03:04:05+05:30" | date "15:04 Z07:00"',
  'toDate "2006-01-02T15:04:05.999999999Z" "2024-01-02T03:04:05.000000001Z" | date "05.000000000"',
];

/** Where Go 1.24's time.Parse (Levant 0.4) answers otherwise than the oracle's Go 1.19. */
export const TODATE_GO124: { call: string; out: string; err?: string; why: string }[] = [
  {
    call: 'mustToDate "2006 -0700" "2024 +01x0"', out: '',
    err: 'template: todate-go124-0:1:3: executing "todate-go124-0" at <mustToDate "2006 -0700" "2024 +01x0">: error calling mustToDate: parsing time "2024 +01x0" as "2006 -0700": cannot parse "+01x0" as "-0700"',
    why: 'since Go 1.20 a ParseError quotes the value where the element began (Go 1.19: what was left after it)',
  },
  {
    call: 'mustToDate "2006 -0700" "2024 +2500"', out: '',
    err: 'template: todate-go124-1:1:3: executing "todate-go124-1" at <mustToDate "2006 -0700" "2024 +2500">: error calling mustToDate: parsing time "2024 +2500": time zone offset hour out of range',
    why: 'Go 1.20 range-checks zone offsets (Go 1.19 accepts +2500)',
  },
  { call: 'toDate "2006-01-02 Z07:00:00" "2024-01-02 Z"', out: '2024-01-02 00:00:00 +0000 UTC', why: 'Go 1.20 reads "Z" for every ISO 8601 zone element (Go 1.19 only for Z0700, Z07 and Z07:00)' },
  { call: 'toDate "05.999" "01.1234567891"', out: '0000-01-01 00:00:01.123456789 +0000 UTC', why: 'Go 1.20 lets .999 take more than nine digits, as the bare-seconds case does (Go 1.19 stops at nine: "extra text")' },
];

/** Crypto functions whose answer is fixed: derived passwords, decryption of fixed ciphertexts, and the errors. */
export const CRYPTO_CALLS = [
  'derivePassword 1 "long" "password" "user" "example.com"', 'derivePassword 2 "maximum" "pässwörd" "üser" "example.com"', 'derivePassword 0 "medium" "" "" ""',
  'derivePassword 4294967295 "short" "p" "u" "s"', 'derivePassword 7 "basic" "p" "u" "s"', 'derivePassword 7 "pin" "p" "u" "s"', 'derivePassword 1 "nope" "p" "u" "s"',
  'derivePassword -1 "pin" "p" "u" "s"', 'derivePassword 4294967296 "pin" "p" "u" "s"',
  'decryptAES "k3y" "BwcHBwcHBwcHBwcHBwcHB9PXVkQIaQ0Jd1YPYgbh0Vw="', 'decryptAES "wrong" "BwcHBwcHBwcHBwcHBwcHB9PXVkQIaQ0Jd1YPYgbh0Vw=" | len',
  'decryptAES "0123456789abcdef0123456789abcdefXYZ" "BwcHBwcHBwcHBwcHBwcHB7+8PEhlPzNIJU9PcA99P1A="', 'decryptAES "k" ""', 'decryptAES "k" "YQ=="',
  'decryptAES "k" "not base64!"', 'decryptAES "k" "BwcHBwcHBwcHBwcHBwcHBw=="', 'decryptAES "k" "BwcHBwcHBwcHBwcHBwcHBwcH"', 'encryptAES "k" ""',
  'htpasswd "a:b" "pw"', 'genPrivateKey "rsa2"', 'genPrivateKey "RSA"',
  'len (bcrypt "pw")', 'regexMatch "^\\\\$2a\\\\$10\\\\$[./A-Za-z0-9]{53}$" (bcrypt "")', 'regexMatch "^alice:\\\\$2a\\\\$10\\\\$[./A-Za-z0-9]{53}$" (htpasswd "alice" "pw")',
  'len (encryptAES "k" "0123456789abcdef")', 'len (encryptAES "k" "0123456789abcde")', 'ne (encryptAES "k" "x") (encryptAES "k" "x")',
  'decryptAES "a much longer password than thirty-two bytes" (encryptAES "a much longer password than thirty-two bytes!!" "same 32 bytes of key")',
];

/** x/crypto v0.38 (Levant 0.4) refuses passwords bcrypt would cut at 72 bytes; the oracle's v0.4.0 cuts them. */
export const CRYPTO_GO124: { call: string; out: string; why: string }[] = [
  {
    call: 'bcrypt (repeat 73 "a")', out: 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes',
    why: 'golang.org/x/crypto v0.38 (Levant 0.4) returns bcrypt.ErrPasswordTooLong; the oracle has v0.4.0, which hashes the first 72 bytes',
  },
];

/** Certificate functions whose answer is fixed: their types, round trips and every error path. */
export const CERT_CALLS = [
  'genCA "x" 1 | printf "%T"', 'typeOf (genCA "x" 1)', 'kindOf (genCA "x" 1)', '(genCA "x" 1).Nope', '(genCA "x" 1).Cert | hasPrefix "-----BEGIN CERTIFICATE-----\\n"',
  '(genCA "x" 1).Key | hasPrefix "-----BEGIN RSA PRIVATE KEY-----\\n"', '(genCAWithKey "x" 1 (genPrivateKey "ecdsa")).Key | hasPrefix "-----BEGIN EC PRIVATE KEY-----\\n"',
  '(genSelfSignedCertWithKey "x" nil nil 1 (genPrivateKey "ed25519")).Key | hasPrefix "-----BEGIN PRIVATE KEY-----\\n"',
  '$ca := genCA "x" 1 }}{{ $b := buildCustomCert (b64enc $ca.Cert) (b64enc $ca.Key) }}{{ eq $b.Cert $ca.Cert }} {{ eq $b.Key $ca.Key',
  'buildCustomCert "!!" "eA=="', 'buildCustomCert "eA==" "!!"', 'buildCustomCert "aGVsbG8=" "aGVsbG8="',
  '$ca := genCA "x" 1 }}{{ buildCustomCert (b64enc $ca.Cert) (b64enc "no key here")',
  '$ca := genCA "x" 1 }}{{ buildCustomCert (b64enc $ca.Cert) (b64enc $ca.Cert)',
  'genSelfSignedCert "x" (list 1) nil 1', 'genSelfSignedCert "x" (list "1.2.3") nil 1', 'genSelfSignedCert "x" (list "01.2.3.4") nil 1',
  'genSelfSignedCert "x" (list "fe80::1%eth0") nil 1', 'genSelfSignedCert "x" nil (list "a" 2) 1', 'genSelfSignedCert "x" (list "1.2.3") (list 2) 1',
  'genSelfSignedCert "x" "10.0.0.1" nil 1', 'genCAWithKey "x" 1 "garbage"', 'genCAWithKey "x" 1 (genCA "y" 1).Cert',
  'genCAWithKey "x" 1 "-----BEGIN FOO PRIVATE KEY-----\\nAAAA\\n-----END FOO PRIVATE KEY-----\\n"',
  'genSelfSignedCertWithKey "x" nil nil 1 "nope"', 'genSignedCertWithKey "x" nil nil 1 (genCA "y" 1) "nope"',
  'genSignedCert "x" (list "bad") nil 1 (genCA "y" 1)', 'genSignedCert "x" nil nil 1 (buildCustomCert "" "")',
];

/**
 * Levant's own spewDump, spewPrintf and sprigVersion. Maps have one key here: go-spew walks a
 * map in Go's random order, so several keys print in any order (ours: sorted).
 */
export const SPEW_CALLS = [
  'spewDump .n', 'spewDump .f', 'spewDump .s', 'spewDump ""', 'spewDump .nothing', 'spewDump nil', 'spewDump true', 'spewDump .list', 'spewDump .empty', 'spewDump .nested',
  'spewDump .m.y', 'spewDump (dict "a" (list))', 'spewDump (int64 3)', 'spewDump (parseUint "7")', 'spewDump (splitList "," "a,b")', 'spewDump (list)', 'spewDump (dict)',
  'spewDump (dict "k" (dict "j" nil))', 'spewDump (list "é\\n\\"")', 'spewDump 1e21', 'spewDump (semver "1.2.3").Major',
  'spewPrintf "%v" 1 "a"', 'spewPrintf "%+v|%#v|%d" 1 "a"', 'spewPrintf "%v" .nested', 'spewPrintf "%#v" .list', 'spewPrintf "%#+v" .list', 'spewPrintf "%s" .s',
  'spewPrintf "x"', 'spewPrintf "x %% y"', 'spewPrintf "%d" 1 2', 'spewPrintf "%q" "a" .n', 'spewPrintf "%v"', 'spewPrintf "%#v" (dict "a" (list 1 nil))',
  'spewPrintf "<%5v>" 1', 'spewPrintf "%v %v" 1',
  'sprigVersion', 'call sprigVersion "x"', 'call sprigVersion ""', 'sprigVersion | printf "%T"', 'call sprigVersion 1', 'if sprigVersion }}yes{{ end',
  'typeOf sprigVersion', 'kindOf sprigVersion', 'sprigVersion "x"',
];

/** Go 1.21+ (Levant 0.4) names the callee when `call` gets the wrong number of arguments; Go 1.19 does not. */
export const SPEW_GO124: { call: string; err: string; why: string }[] = [
  {
    call: 'call sprigVersion',
    err: 'template: spew-go124-0:1:3: executing "spew-go124-0" at <call sprigVersion>: error calling call: wrong number of args for sprigVersion: got 0 want 1',
    why: 'text/template\'s call has named its callee since Go 1.21',
  },
];

/** Methods of time.Time values (from toDate, so that they are fixed). */
export const TIME_METHOD_CALLS = [
  '$t.Year', '$t.Day', '$t.Hour', '$t.Minute', '$t.Second', '$t.Nanosecond', '$t.YearDay', '$t.Unix', '$t.UnixMilli', '$t.UnixMicro', '$t.UnixNano',
  '$t.Format "Mon Jan _2 15:04:05.000 2006"', '$t.String', '$t.IsZero', '(toDate "x" "y").IsZero', '$t.UTC', '$t.Local', '$z.UTC', '$z.Unix', '$z.Hour',
  '$t.Before $z', '$t.After $z', '$t.Equal $t', '$z.Equal ($z.UTC)', '$t.AddDate 0 1 0', '$t.AddDate 0 -1 -1', '($t.AddDate 1 0 0).Year', '$t.AddDate 0 0 366',
  '(toDate "2006-01-02" "1969-12-31").Unix', '(mustToDate "2006-01-02T15:04:05.999Z" "1969-12-31T23:59:59.5Z").UnixMilli', '$t.Nope', '$t.Format', '$t.Year 1',
  '$t.Before 1', '(toDate "2006-01-02" "2024-12-31").YearDay', '(toDate "2006-01-02" "2023-12-31").YearDay',
];
