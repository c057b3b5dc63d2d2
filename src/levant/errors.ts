/** The error every Levant rendering failure surfaces as. */
import { CodedError, ErrorCode } from '../errors.js';

/**
 * A template that does not parse or execute, or unreadable variables. The message is Go's
 * (`template: ci.nomad:12:5: executing "ci.nomad" at <.foo.bar>: ...`); file, line and column
 * are kept for callers that point at the spot.
 */
export class TemplateError extends CodedError {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(ErrorCode.RenderFailed, message);
    this.name = 'TemplateError';
  }
}
