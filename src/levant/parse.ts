/**
 * The parser of Go's text/template (parse/parse.go), token for token, so that the templates it
 * accepts and the parse errors it reports ("template: ci.nomad:3: unexpected EOF") match Go's.
 */
import type { ArgNode, BranchNode, CommandNode, ElseNode, EndNode, ListNode, Node, NumberNode, PipeNode, VariableNode } from './ast.js';
import { nodeString } from './ast.js';
import { quote } from './fmt-quote.js';
import { parseGoFloat as parseFloat64 } from './go-parse-float.js';
import { parseGoInt, unquote, unquoteRune } from './go-strconv.js';
import { type Item, type ItemType, isKeyword, lex } from './lex.js';

/** A parse failure; `message` is Go's text ("template: NAME:LINE: ..."). */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Every template of one source text, by name (the file's own is `name`). */
export interface TemplateSet {
  name: string;
  text: string;
  trees: Map<string, ListNode>;
}

function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (isKeyword(i.typ)) return `<${i.val}>`;
  if ([...i.val].length > 10) return `${quote([...i.val].slice(0, 10).join(''))}...`;
  return quote(i.val);
}

function isEmptyTree(n: Node): boolean {
  if (n.type === 'list') return n.nodes.every(isEmptyTree);
  if (n.type === 'comment') return true;
  if (n.type === 'text') return n.text.trim() === '';
  return false;
}

class Tree {
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private pos = 0;
  constructor(
    private name: string,
    private readonly parseName: string,
    private readonly items: Item[],
    private readonly cursor: { i: number },
    private readonly funcs: (name: string) => boolean,
    private readonly set: Map<string, ListNode>,
  ) {}

  private lexNext(): Item {
    const it = this.items[Math.min(this.cursor.i, this.items.length - 1)]!;
    this.cursor.i++;
    return it;
  }
  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lexNext();
    return this.token[this.peekCount]!;
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lexNext();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === 'space');
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  errorf(msg: string): never {
    const line = this.token[0]?.line ?? 1;
    throw new ParseFailure(`template: ${this.parseName}:${line}: ${msg}`, line);
  }
  private expect(typ: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Item, context: string): never {
    if (t.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(t)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  private add(root: ListNode): void {
    const existing = this.set.get(this.name);
    if (!existing || isEmptyTree(existing)) {
      this.set.set(this.name, root);
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  parse(): void {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          const sub = new Tree('definition', this.parseName, this.items, this.cursor, this.funcs, this.set);
          sub.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.add(root);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.nextNonSpace();
    if (name.typ !== 'string' && name.typ !== 'rawString') this.unexpected(name, context);
    this.name = this.unquote(name.val);
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add(list);
  }

  private unquote(s: string): string {
    try {
      return unquote(s);
    } catch {
      return this.errorf('invalid syntax');
    }
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'text':
        return { type: 'text', pos: t.pos, text: t.val };
      case 'leftDelim':
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      case 'comment':
        return { type: 'comment', pos: t.pos, text: t.val };
      default:
        return this.unexpected(t, 'input');
    }
  }

  private action(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const next = this.nextNonSpace();
        if (next.typ !== 'rightDelim') this.unexpected(next, `{{${t.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${t.typ}}} outside {{range}}`);
        return { type: t.typ, pos: t.pos, line: t.line };
      }
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.parseControl(t.typ);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const tok = this.peek();
    return { type: 'action', pos: tok.pos, line: tok.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: start.pos, line: start.line, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === 'space') this.backup3(v, tokenAfterVariable);
      else this.backup2(v);
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]!.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private parseControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        const chained = (context === 'if' || context === 'with') && this.peek().typ === context;
        if (chained) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.parseControl(context)] };
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private elseControl(): ElseNode {
    const p = this.peekNonSpace();
    if (p.typ === 'if' || p.typ === 'with') return { type: 'else', pos: p.pos, line: p.line };
    const t = this.expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private templateName(t: Item, context: string): string {
    if (t.typ === 'string' || t.typ === 'rawString') return this.unquote(t.val);
    return this.unexpected(t, context);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new Tree(name, this.parseName, this.items, this.cursor, this.funcs, this.set);
    block.rangeDepth = 0;
    const [list, end] = block.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add(list);
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === 'space') continue;
      if (t.typ === 'rightDelim' || t.typ === 'rightParen') this.backup();
      else if (t.typ !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().typ !== 'field') return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
      default:
        return { type: 'chain', pos: chainPos, node, field: fields };
    }
  }

  private term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'identifier':
        if (!this.funcs(t.val)) this.errorf(`function ${quote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, ident: t.val };
      case 'dot':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'variable':
        return this.useVar(t.pos, t.val);
      case 'field':
        return { type: 'field', pos: t.pos, ident: t.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.number(t);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', pos: t.pos, quoted: t.val, text: this.unquote(t.val) };
    }
    this.backup();
    return undefined;
  }

  private useVar(pos: number, name: string): VariableNode {
    const ident = name.split('.');
    if (!this.vars.includes(ident[0]!)) this.errorf(`undefined variable ${quote(ident[0]!)}`);
    return { type: 'variable', pos, ident };
  }

  private number(t: Item): NumberNode {
    const n: NumberNode = {
      type: 'number',
      pos: t.pos,
      text: t.val,
      isInt: false,
      isUint: false,
      isFloat: false,
      isComplex: false,
      int64: 0n,
      uint64: 0n,
      float64: 0,
    };
    if (t.typ === 'charConstant') {
      let r: number;
      try {
        r = unquoteRune(t.val);
      } catch (e) {
        return this.errorf(e instanceof Error && e.message.startsWith('malformed') ? e.message : 'invalid syntax');
      }
      return { ...n, isInt: true, isUint: true, isFloat: true, int64: BigInt(r), uint64: BigInt(r), float64: r };
    }
    if (t.typ === 'complex' || t.val.endsWith('i')) this.errorf(`complex numbers are not supported: ${t.val}`);
    const v = parseGoInt(t.val);
    if (v !== undefined) {
      if (v >= 0n && v < 1n << 64n && !/^[+-]/.test(t.val)) Object.assign(n, { isUint: true, uint64: v });
      if (v >= -(1n << 63n) && v < 1n << 63n) Object.assign(n, { isInt: true, int64: v });
      if (v === 0n) Object.assign(n, { isUint: true, uint64: 0n });
    }
    if (n.isInt) Object.assign(n, { isFloat: true, float64: Number(n.int64) });
    else if (n.isUint) Object.assign(n, { isFloat: true, float64: Number(n.uint64) });
    else {
      const f = parseGoFloat(t.val);
      if (f !== undefined) {
        if (!/[.eEpP]/.test(t.val)) this.errorf(`integer overflow: ${quote(t.val)}`);
        Object.assign(n, { isFloat: true, float64: f });
        if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) Object.assign(n, { isInt: true, int64: BigInt(f) });
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) Object.assign(n, { isUint: true, uint64: BigInt(f) });
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${quote(t.val)}`);
    return n;
  }
}

/** strconv.ParseFloat as the parser calls it (decimal and hex floats, `_` separators). */
function parseGoFloat(text: string): number | undefined {
  const r = parseFloat64(text);
  return r.ok ? r.value : undefined;
}

/** Parses `text` (named `name`) into its template set; throws ParseFailure. */
export function parseTemplate(name: string, text: string, hasFunction: (name: string) => boolean, delims: [string, string] = ['[[', ']]']): TemplateSet {
  const items = lex(text, delims[0], delims[1]);
  const trees = new Map<string, ListNode>();
  new Tree(name, name, items, { i: 0 }, hasFunction, trees).parse();
  return { name, text, trees };
}
