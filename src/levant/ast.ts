/** The parse tree of text/template (parse/node.go), with positions for Go-style error messages. */

interface At {
  /** Offset in the template text. */
  pos: number;
}

export interface ListNode extends At {
  type: 'list';
  nodes: Node[];
}
export interface TextNode extends At {
  type: 'text';
  text: string;
}
export interface CommentNode extends At {
  type: 'comment';
  text: string;
}
export interface ActionNode extends At {
  type: 'action';
  line: number;
  pipe: PipeNode;
}
export interface BranchNode extends At {
  type: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}
export interface TemplateNode extends At {
  type: 'template';
  line: number;
  name: string;
  pipe: PipeNode | undefined;
}
export interface BreakNode extends At {
  type: 'break';
  line: number;
}
export interface ContinueNode extends At {
  type: 'continue';
  line: number;
}
export interface EndNode extends At {
  type: 'end';
}
export interface ElseNode extends At {
  type: 'else';
  line: number;
}

export interface PipeNode extends At {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends At {
  type: 'command';
  args: ArgNode[];
}
export interface FieldNode extends At {
  type: 'field';
  ident: string[];
}
export interface VariableNode extends At {
  type: 'variable';
  ident: string[];
}
export interface ChainNode extends At {
  type: 'chain';
  node: ArgNode;
  field: string[];
}
export interface IdentifierNode extends At {
  type: 'identifier';
  ident: string;
}
export interface DotNode extends At {
  type: 'dot';
}
export interface NilNode extends At {
  type: 'nil';
}
export interface BoolNode extends At {
  type: 'bool';
  value: boolean;
}
export interface StringNode extends At {
  type: 'string';
  quoted: string;
  text: string;
}
export interface NumberNode extends At {
  type: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
}

export type ArgNode = PipeNode | FieldNode | VariableNode | ChainNode | IdentifierNode | DotNode | NilNode | BoolNode | StringNode | NumberNode;

export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | ActionNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | EndNode
  | ElseNode
  | CommandNode
  | ArgNode;

/**
 * node.String() as Go writes it (always with `{{ }}`, whatever the delimiters were). Go's own
 * parse tests print text nodes quoted (`textFormat = "%q"`); `quoteText` does the same.
 */
export function nodeString(n: Node, quoteText?: (s: string) => string): string {
  const str = (x: Node): string => nodeString(x, quoteText);
  switch (n.type) {
    case 'list':
      return n.nodes.map(str).join('');
    case 'text':
      return quoteText ? quoteText(n.text) : n.text;
    case 'comment':
      return `{{${n.text}}}`;
    case 'action':
      return `{{${str(n.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const els = n.elseList ? `{{else}}${str(n.elseList)}` : '';
      return `{{${n.type} ${str(n.pipe)}}}${str(n.list)}${els}{{end}}`;
    }
    case 'template':
      return `{{template ${JSON.stringify(n.name)}${n.pipe ? ` ${str(n.pipe)}` : ''}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
    case 'pipe': {
      const decl = n.decl.length ? `${n.decl.map(str).join(', ')} := ` : '';
      return decl + n.cmds.map(str).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${str(a)})` : str(a))).join(' ');
    case 'field':
      return n.ident.map((i) => `.${i}`).join('');
    case 'variable':
      return n.ident.join('.');
    case 'chain': {
      const head = n.node.type === 'pipe' ? `(${str(n.node)})` : str(n.node);
      return head + n.field.map((f) => `.${f}`).join('');
    }
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
  }
}
