/**
 * The TSDoc comment of each key of the zod object literals in a source file, read with the
 * TypeScript parser (no regular expressions over code). A zod object is matched to its literal by
 * its keys, so `schema.ts` stays the one place where a key and its meaning are written.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** The keys of one `z.object({...})` / `.extend({...})` literal and their comments. */
export interface ObjectLiteralDocs {
  keys: Set<string>;
  comments: Map<string, string>;
}

const ZOD_OBJECT_CALLS = new Set(['object', 'looseObject', 'strictObject', 'extend']);

export function objectLiteralDocs(files: readonly string[]): ObjectLiteralDocs[] {
  const out: ObjectLiteralDocs[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ZOD_OBJECT_CALLS.has(node.expression.name.text)) {
        const arg = node.arguments[0];
        if (arg && ts.isObjectLiteralExpression(arg)) out.push(docsOf(arg, source));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

function docsOf(literal: ts.ObjectLiteralExpression, source: ts.SourceFile): ObjectLiteralDocs {
  const keys = new Set<string>();
  const comments = new Map<string, string>();
  for (const prop of literal.properties) {
    if (!prop.name || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) continue;
    const key = prop.name.text;
    keys.add(key);
    const text = tsdoc(prop, source);
    if (text) comments.set(key, text);
  }
  return { keys, comments };
}

/** The `/** … *\/` comment right before a node, as one line of text. */
function tsdoc(node: ts.Node, source: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const doc = ranges.filter((r) => source.text.startsWith('/**', r.pos)).pop();
  if (!doc) return undefined;
  return source.text
    .slice(doc.pos + 3, doc.end - 2)
    .split('\n')
    .map((l) => l.replace(/^\s*\*?\s?/, '').trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * The comment for `key` of a zod object with keys `objectKeys`: from the literal that holds the key
 * and whose keys all belong to the object (an `.extend()` adds a second literal), the largest first.
 */
export function commentFor(docs: readonly ObjectLiteralDocs[], objectKeys: ReadonlySet<string>, key: string): string | undefined {
  const candidates = docs.filter((d) => d.keys.has(key) && [...d.keys].every((k) => objectKeys.has(k))).sort((a, b) => b.keys.size - a.keys.size);
  for (const c of candidates) {
    const text = c.comments.get(key);
    if (text) return text;
  }
  return undefined;
}
