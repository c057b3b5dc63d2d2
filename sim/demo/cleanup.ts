/**
 * What the demo must undo when it ends — its Redis keys, its log file, its servers — undone newest
 * first, once, whether it ends normally, on Ctrl-C or SIGTERM, or because it could not start.
 */
export class Cleanup {
  private readonly steps: { name: string; run: () => unknown }[] = [];
  private running: Promise<void> | undefined;

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  /** Runs every step (newest first), each given `stepMs` at most; a failing or hanging step does not stop the others. */
  run(stepMs = 5_000, onProblem: (text: string) => void = () => undefined): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<string>((done) => (timer = setTimeout(() => done(`took longer than ${stepMs / 1000} s`), stepMs)));
        const result = Promise.resolve()
          .then(step.run)
          .then(
            () => undefined,
            (err: unknown) => (err instanceof Error ? err.message : String(err)),
          );
        const problem = await Promise.race([result, late]);
        clearTimeout(timer);
        if (problem) onProblem(`cleaning up ${step.name}: ${problem}`);
      }
    })();
    return this.running;
  }
}
