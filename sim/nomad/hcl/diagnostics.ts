/**
 * HCL diagnostics as `hcl.Diagnostic.Error()` prints them: `input.hcl:3,5-10: Summary; Detail`.
 * Nomad's parse endpoint answers them as `400 Failed to parse job: <diagnostics>`.
 */

/** A position in the source: 1-based line and column (HCL counts columns in characters). */
export interface Pos {
  line: number;
  col: number;
  offset: number;
}

export interface Range {
  start: Pos;
  end: Pos;
}

/** `hcl.Range.String()`: `file:L,C-C` on one line, `file:L,C-L,C` across lines. */
export function rangeText(file: string, r: Range): string {
  if (r.start.line === r.end.line) return `${file}:${r.start.line},${r.start.col}-${r.end.col}`;
  return `${file}:${r.start.line},${r.start.col}-${r.end.line},${r.end.col}`;
}

export class HclDiagnostic extends Error {
  constructor(
    readonly summary: string,
    readonly detail: string,
    /** Absent for diagnostics with only a context (an unset variable): Go then prints `<nil>`. */
    readonly subject: Range | undefined,
  ) {
    super(`${summary}; ${detail}`);
    this.name = 'HclDiagnostic';
  }

  /** The text Nomad puts after "Failed to parse job: ". */
  describe(file = 'input.hcl'): string {
    // hcl.Diagnostic.Error() formats a nil *Range subject with %s, which prints "<nil>".
    return `${this.subject ? rangeText(file, this.subject) : '<nil>'}: ${this.summary}; ${this.detail}`;
  }
}
