import type { Check } from './validation';

/** Collects every problem of a props object, so they are all reported at once. */
export class Problems {
  public readonly list: string[] = [];

  /** Records the check's problem, if any; true when the value passed. */
  public check(c: Check): boolean {
    if (c !== undefined) this.list.push(c);
    return c === undefined;
  }

  public add(message: string): void {
    this.list.push(message);
  }
}
