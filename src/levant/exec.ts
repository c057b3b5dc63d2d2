/**
 * The executor of Go's text/template (exec.go) with `missingkey=zero`: walks the parse tree
 * and evaluates pipelines with Go's rules for fields, variables, function calls and errors.
 */
import type { ArgNode, BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode, TemplateNode, VariableNode } from './ast.js';
import { nodeString } from './ast.js';
import { ConvertError, canBeNil, intOfType, isIntType, isUintType, validateType, zeroOf } from './convert.js';
import { sprint } from './fmt.js';
import { FuncError, type FuncMap, type GoFunc, REFLECT_VALUE } from './func-types.js';
import type { TemplateSet } from './parse.js';
import { timeMethods } from './time-methods.js';
import {
  GoChan,
  GoMap,
  GoNum,
  GoObject,
  GoSlice,
  GoTime,
  type GoType,
  IFACE,
  Iface,
  type RVal,
  fromContainer,
  indirect,
  indirectInterface,
  isTrue,
  keyValue,
  kindOf,
  rtypeOf,
  sortedKeys,
  toGo,
  valueOf,
} from './values.js';

/** An execution failure; `message` is Go's text, `node` where it happened. */
export class ExecFailure extends Error {
  constructor(
    message: string,
    readonly pos: number | undefined,
  ) {
    super(message);
  }
}

const MISSING = Symbol('missingVal');
type Final = RVal | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}

/** JavaScript's stack gives out long before Go's limit of 100000 nested template calls. */
const MAX_DEPTH = 2000;

export interface ExecContext {
  set: TemplateSet;
  funcs: FuncMap;
  builtins: FuncMap;
}

class State {
  node: Node | undefined;
  out: string[] = [];
  vars: { name: string; value: RVal }[];
  constructor(
    readonly ctx: ExecContext,
    readonly tmplName: string,
    dot: RVal,
    readonly depth: number,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  at(node: Node): void {
    this.node = node;
  }

  errorf(msg: string): never {
    const name = this.tmplName;
    if (!this.node) throw new ExecFailure(`template: ${name}: ${msg}`, undefined);
    const { text, name: parseName } = this.ctx.set;
    const pos = this.node.pos;
    const before = text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1));
    const line = before.split('\n').length;
    const where = `${parseName}:${line}:${col}`;
    throw new ExecFailure(`template: ${where}: executing "${name}" at <${nodeString(this.node)}>: ${msg}`, pos);
  }

  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private setVar(name: string, value: RVal): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: RVal): void {
    this.vars[this.vars.length - n]!.value = value;
  }
  private varValue(name: string): RVal {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    return this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: RVal, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: RVal, node: BranchNode): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const { truth, ok } = isTrue(indirectInterface(val));
      if (!ok) this.errorf(`if/with can't use ${sprint([toGo(val)])}`);
      if (truth) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: RVal, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = indirect(this.evalPipeline(dot, r.pipe)).v;
      const mark = this.mark();
      const one = (index: RVal, elem: RVal): boolean => {
        if (r.pipe.decl.length > 0) this.setTopVar(1, elem);
        if (r.pipe.decl.length > 1) this.setTopVar(2, index);
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e instanceof BreakSignal) return false;
          if (!(e instanceof ContinueSignal)) throw e;
        } finally {
          this.pop(mark);
        }
        return true;
      };
      const iterate = (pairs: Iterable<[RVal, RVal]>): boolean => {
        let ran = false;
        for (const [i, e] of pairs) {
          ran = true;
          if (!one(i, e)) break;
        }
        return ran;
      };
      let ran = false;
      if (val === undefined) ran = false;
      else if (val instanceof GoSlice) ran = iterate(val.items.map((x, i) => [BigInt(i), fromContainer(val.elem, x)]));
      else if (val instanceof GoMap) {
        ran = iterate(sortedKeys(val).map((k) => [keyValue(val, k), fromContainer(val.elem, val.entries.get(k) ?? null)]));
      } else if (val instanceof GoChan) ran = iterate(val.items.map((x, i) => [BigInt(i), valueOf(x)]));
      else if (!(val instanceof Iface) && (kindOf(val) === 'int' || kindOf(val) === 'uint')) {
        if (r.pipe.decl.length > 1) this.errorf(`can't use ${sprint([val])} to iterate over more than one variable`);
        const n = typeof val === 'bigint' ? val : (val as GoNum).v;
        const typed = (i: bigint): RVal => (typeof val === 'bigint' ? i : new GoNum((val as GoNum).type, i));
        ran = iterate(
          (function* () {
            for (let i = 0n; i < n; i++) yield [typed(i), typed(i)] as [RVal, RVal];
          })(),
        );
      } else this.errorf(`range can't iterate over ${sprint([toGo(val)])}`);
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (!(e instanceof BreakSignal)) throw e;
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: RVal, t: TemplateNode): void {
    this.at(t);
    const tree = this.ctx.set.trees.get(t.name);
    if (!tree) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth >= MAX_DEPTH) this.errorf(`exceeded maximum template depth (100000)`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const sub = new State(this.ctx, t.name, newDot, this.depth + 1);
    sub.out = this.out;
    sub.walk(newDot, tree);
  }

  evalPipeline(dot: RVal, pipe: PipeNode | undefined): RVal {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value instanceof Iface) value = valueOf(value.inner);
    }
    const v = value === MISSING ? undefined : value;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, v);
      else this.vars.push({ name: variable.ident[0]!, value: v });
    }
    return v;
  }

  private notAFunction(args: ArgNode[] | undefined, final: Final): void {
    if ((args && args.length > 1) || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args![0]!)}`);
    }
  }

  private evalCommand(dot: RVal, cmd: CommandNode, final: Final): RVal {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(c: NumberNode): RVal {
    this.at(c);
    const isHexInt = /^0[xX]/.test(c.text) && !/[pP]/.test(c.text);
    if (c.isFloat && !isHexInt && c.text[0] !== "'" && /[.eEpP]/.test(c.text)) return c.float64;
    if (c.isInt) return c.int64;
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: RVal, field: FieldNode, args: ArgNode[] | undefined, final: Final): RVal {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: RVal, chain: ChainNode, args: ArgNode[] | undefined, final: Final): RVal {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: RVal, v: VariableNode, args: ArgNode[] | undefined, final: Final): RVal {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: RVal, receiver: RVal, node: Node, ident: string[], args: ArgNode[] | undefined, final: Final): RVal {
    for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(dot, ident[i]!, undefined, MISSING, receiver, node);
    return this.evalField(dot, ident[ident.length - 1]!, args, final, receiver, node);
  }

  private evalField(dot: RVal, fieldName: string, args: ArgNode[] | undefined, final: Final, receiver: RVal, node: Node): RVal {
    if (receiver === undefined) return undefined;
    const typ = rtypeOf(receiver);
    const { v, isNil } = indirect(receiver);
    if (v instanceof Iface && isNil) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    if (v instanceof GoObject || v instanceof GoTime) {
      const method = v instanceof GoObject ? v.methods.get(fieldName) : timeMethods(v).get(fieldName);
      if (method) return this.evalCall(dot, { kind: 'value', ...method }, false, node, fieldName, args, final);
    }
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
    if (v instanceof GoObject && v.fields.some((f) => f.name === fieldName)) {
      if (!/^[A-Z]/.test(fieldName)) this.errorf(`${fieldName} is an unexported field of struct type ${typ}`);
      if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
      return valueOf(v.fields.find((f) => f.name === fieldName)!.value);
    }
    if (v instanceof GoMap && (v.key === 'string' || v.key === IFACE)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (!v.entries.has(fieldName)) return zeroOf(v.elem);
      return fromContainer(v.elem, v.entries.get(fieldName) ?? null);
    }
    return this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(dot: RVal, node: IdentifierNode, cmd: Node, args: ArgNode[] | undefined, final: Final): RVal {
    this.at(node);
    const name = node.ident;
    const user = this.ctx.funcs.get(name);
    const builtin = user ? undefined : this.ctx.builtins.get(name);
    const fun = user ?? builtin;
    if (!fun) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, fun, builtin !== undefined, cmd, name, args, final);
  }

  private evalCall(dot: RVal, fun: GoFunc, isBuiltin: boolean, node: Node, name: string, allArgs: ArgNode[] | undefined, final: Final): RVal {
    const args = allArgs ? allArgs.slice(1) : [];
    const numParams = fun.params.length;
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fun.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numParams - 1} got ${args.length}`);
    } else if (numIn !== numParams) this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: RVal;
      for (const arg of args) {
        v = this.evalArg(dot, REFLECT_VALUE, arg);
        if (isTrue(indirectInterface(v)).truth === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validate(final, REFLECT_VALUE);
      return v;
    }

    const argv: RVal[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fun.params[i]!, args[i]!));
    if (fun.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fun.params[numParams - 1]!, args[i]!));
    if (final !== MISSING) {
      let t = fun.params[numParams - 1]!;
      if (fun.variadic && numIn - 1 < numFixed) t = fun.params[numIn - 1]!;
      argv.push(this.validate(final, t));
    }
    try {
      if (fun.kind === 'reflect') return fun.call(argv, args[0] ? nodeString(args[0]) : undefined);
      const result = fun.call(argv.map(toGo));
      return fun.result === IFACE ? new Iface(result) : valueOf(result);
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      this.at(node);
      return this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private validate(value: RVal, typ: GoType | undefined): RVal {
    try {
      return validateType(value, typ);
    } catch (e) {
      if (e instanceof ConvertError) this.errorf(e.message);
      throw e;
    }
  }

  private evalArg(dot: RVal, typ: GoType | undefined, n: ArgNode): RVal {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validate(dot, typ);
      case 'nil':
        if (typ !== undefined && canBeNil(typ)) return zeroOf(typ);
        return this.errorf(`cannot assign nil to ${typ}`);
      case 'field':
        return this.validate(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validate(this.evalVariableNode(dot, n, undefined, MISSING), typ);
      case 'pipe':
        return this.validate(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validate(this.evalFunction(dot, n, n, undefined, MISSING), typ);
      case 'chain':
        return this.validate(this.evalChainNode(dot, n, undefined, MISSING), typ);
    }
    if (typ === undefined) throw new Error(`literal ${nodeString(n)} without a type`);
    if (typ === 'bool') {
      if (n.type === 'bool') return n.value;
      return this.errorf(`expected bool; found ${nodeString(n)}`);
    }
    if (typ === 'float64' || typ === 'float32') {
      if (n.type === 'number' && n.isFloat) return n.float64;
      return this.errorf(`expected float; found ${nodeString(n)}`);
    }
    if (isIntType(typ)) {
      if (n.type === 'number' && n.isInt) return intOfType(typ, n.int64);
      return this.errorf(`expected integer; found ${nodeString(n)}`);
    }
    if (isUintType(typ)) {
      if (n.type === 'number' && n.isUint) return intOfType(typ, n.uint64);
      return this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
    }
    if (typ === IFACE || typ === REFLECT_VALUE) return this.evalEmptyInterface(dot, n);
    if (typ === 'string') {
      if (n.type === 'string') return n.text;
      return this.errorf(`expected string; found ${nodeString(n)}`);
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  private evalEmptyInterface(dot: RVal, n: ArgNode): RVal {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'dot':
        return dot;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    return this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private printValue(n: Node, v: RVal): void {
    this.at(n);
    if (v === undefined) {
      this.out.push('<no value>');
      return;
    }
    const inner = toGo(v);
    if (inner instanceof GoChan || (inner instanceof GoObject && inner.kind === 'func')) this.errorf(`can't print ${nodeString(n)} of type ${rtypeOf(v)}`);
    this.out.push(sprint([inner]));
  }
}

/** Executes the template `set.name` with `data` as dot; throws ExecFailure. */
export function execute(ctx: ExecContext, data: RVal): string {
  const root = ctx.set.trees.get(ctx.set.name);
  const state = new State(ctx, ctx.set.name, data, 0);
  if (!root) return state.errorf(`${JSON.stringify(ctx.set.name)} is an incomplete or empty template`);
  state.walk(data, root);
  return state.out.join('');
}
