/** An answer the simulated Nomad gives as a plain-text error body (command/agent/http.go `wrap`). */
export class NomadHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(body);
    this.name = 'NomadHttpError';
  }
}

/** `RegisterEnforceIndexErrPrefix` errors: plain errors, so HTTP 500. */
export const enforceIndexError = (given: number, detail: string) => new NomadHttpError(500, `Enforcing job modify index ${given}: ${detail}`);
