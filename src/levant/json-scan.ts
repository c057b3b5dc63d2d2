/** encoding/json's scanner (scanner.go), byte for byte, for Go's exact syntax-error texts. */
import { quote } from './fmt-quote.js';

type Step = (c: number) => Step | null;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const s = quote(String.fromCharCode(c));
  return `'${s.slice(1, -1)}'`;
}

/** checkValid: the first syntax error of `data` (Go's message), or undefined. */
export function jsonSyntaxError(data: Buffer): string | undefined {
  const stack: ('key' | 'value' | 'array')[] = [];
  let err: string | undefined;
  let endTop = false;
  const fail = (c: number, context: string): null => {
    err = `invalid character ${quoteChar(c)} ${context}`;
    return null;
  };
  const tooDeep = (): null => {
    err = 'exceeded max depth';
    return null;
  };
  /** The top-level value has ended: only white space may follow (function declarations hoist; endTopStep is a const). */
  const endOfTop = (): Step => {
    endTop = true;
    return endTopStep;
  };
  const literal =
    (rest: string, name: string, i = 0): Step =>
    (c) => {
      if (c !== rest.charCodeAt(i)) return fail(c, `in literal ${name} (expecting '${rest[i]}')`);
      return i + 1 === rest.length ? endValue : literal(rest, name, i + 1);
    };
  const beginValue: Step = (c) => {
    if (isSpace(c)) return beginValue;
    if (c === 0x7b) {
      if (stack.length >= 10000) return tooDeep();
      stack.push('key');
      return beginStringOrEmpty;
    }
    if (c === 0x5b) {
      if (stack.length >= 10000) return tooDeep();
      stack.push('array');
      return beginValueOrEmpty;
    }
    if (c === 0x22) return inString;
    if (c === 0x2d) return neg;
    if (c === 0x30) return zero;
    if (c === 0x74) return literal('rue', 'true');
    if (c === 0x66) return literal('alse', 'false');
    if (c === 0x6e) return literal('ull', 'null');
    if (c >= 0x31 && c <= 0x39) return one;
    return fail(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return beginValueOrEmpty;
    if (c === 0x5d) return endValue(c);
    return beginValue(c);
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return beginStringOrEmpty;
    if (c === 0x7d) {
      stack[stack.length - 1] = 'value';
      return endValue(c);
    }
    return beginString(c);
  };
  const beginString: Step = (c) => {
    if (isSpace(c)) return beginString;
    if (c === 0x22) return inString;
    return fail(c, 'looking for beginning of object key string');
  };
  const endTopStep: Step = (c) => (isSpace(c) ? endTopStep : fail(c, 'after top-level value'));
  const endValue: Step = (c) => {
    const n = stack.length;
    if (n === 0) {
      endTop = true;
      return endTopStep(c);
    }
    if (isSpace(c)) return endValue;
    const ps = stack[n - 1];
    if (ps === 'key') {
      if (c === 0x3a) {
        stack[n - 1] = 'value';
        return beginValue;
      }
      return fail(c, 'after object key');
    }
    if (ps === 'value') {
      if (c === 0x2c) {
        stack[n - 1] = 'key';
        return beginString;
      }
      if (c === 0x7d) {
        stack.pop();
        return stack.length === 0 ? endOfTop() : endValue;
      }
      return fail(c, 'after object key:value pair');
    }
    if (c === 0x2c) return beginValue;
    if (c === 0x5d) {
      stack.pop();
      return stack.length === 0 ? endOfTop() : endValue;
    }
    return fail(c, 'after array element');
  };
  const inString: Step = (c) => {
    if (c === 0x22) return endValue;
    if (c === 0x5c) return inStringEsc;
    if (c < 0x20) return fail(c, 'in string literal');
    return inString;
  };
  const inStringEsc: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) return inString;
    if (c === 0x75) return escU(0);
    return fail(c, 'in string escape code');
  };
  const escU =
    (i: number): Step =>
    (c) => {
      if (!isHex(c)) return fail(c, 'in \\u hexadecimal character escape');
      return i === 3 ? inString : escU(i + 1);
    };
  const neg: Step = (c) => (c === 0x30 ? zero : c >= 0x31 && c <= 0x39 ? one : fail(c, 'in numeric literal'));
  const one: Step = (c) => (isDigit(c) ? one : zero(c));
  const zero: Step = (c) => (c === 0x2e ? dot : c === 0x65 || c === 0x45 ? exp : endValue(c));
  const dot: Step = (c) => (isDigit(c) ? dot0 : fail(c, 'after decimal point in numeric literal'));
  const dot0: Step = (c) => (isDigit(c) ? dot0 : c === 0x65 || c === 0x45 ? exp : endValue(c));
  const exp: Step = (c) => (c === 0x2b || c === 0x2d ? expSign : expSign(c));
  const expSign: Step = (c) => (isDigit(c) ? exp0 : fail(c, 'in exponent of numeric literal'));
  const exp0: Step = (c) => (isDigit(c) ? exp0 : endValue(c));

  let step: Step | null = beginValue;
  for (const c of data) {
    step = step!(c);
    if (step === null) return err;
  }
  if (endTop) return undefined;
  step = step!(0x20);
  if (step === null) return err;
  if (endTop) return undefined;
  return 'unexpected end of JSON input';
}
