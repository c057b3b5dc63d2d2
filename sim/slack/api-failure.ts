/**
 * A Web API call that Slack answers with HTTP 200 and `{ok:false, error}`.
 * Thrown inside method handlers; the server turns it into the response body.
 */
export class SlackApiFailure extends Error {
  constructor(
    readonly error: string,
    /** Slack's `response_metadata.messages`, e.g. "[ERROR] missing required field: user". */
    readonly messages: string[] = [],
  ) {
    super(error);
    this.name = 'SlackApiFailure';
  }

  toBody(): Record<string, unknown> {
    return {
      ok: false,
      error: this.error,
      ...(this.messages.length > 0 ? { response_metadata: { messages: this.messages } } : {}),
    };
  }
}
