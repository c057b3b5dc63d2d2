/** Shell-style globs (`ci-*`, `alibuild0?`) as operators write them in config and `/ci silence`. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export function matchesAny(name: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(name));
}

/** Whether a text is a pattern rather than a literal name. */
export const isGlob = (text: string) => /[*?]/.test(text);
