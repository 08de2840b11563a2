// Runs the named steps of a day one after the other and keeps how long each took (seconds, one decimal), in
// the order they ran: the manifest's `timings` and one log line per step, a failed one included (where the
// time of a failed run went is the first question after why).
export class StepTimer {
  readonly timings: Record<string, number> = {};

  constructor(
    private readonly onDone: (step: string, seconds: number, failed: boolean) => void = () => undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  async run<T>(name: string, step: () => Promise<T>): Promise<T> {
    const started = this.clock();
    const finish = (failed: boolean) => {
      const seconds = Math.round((this.clock() - started) / 100) / 10;
      this.timings[name] = seconds;
      this.onDone(name, seconds, failed);
    };
    let value: T;
    try {
      value = await step();
    } catch (e) {
      finish(true);
      throw e;
    }
    finish(false);
    return value;
  }
}
