/**
 * An amount of CPU, e.g. `Cpu.millis(500)` or `Cpu.units(2)`; written as Kubernetes
 * stores it (`500m`, `2`).
 *
 * The package's own value type, with cdk8s-plus's factory names: a cdk8s-plus `Cpu` is
 * refused by the compiler (the private field makes the class nominal).
 */
export class Cpu {
  /** Thousandths of a CPU (millicores): `Cpu.millis(500)` is half a CPU. */
  public static millis(amount: number): Cpu {
    return new Cpu(`${amount}m`);
  }

  /** Whole or fractional CPUs: `Cpu.units(2)`, `Cpu.units(0.5)`. */
  public static units(amount: number): Cpu {
    return new Cpu(`${amount}`);
  }

  private constructor(private readonly quantity: string) {}

  /** The quantity as given, e.g. `500m` or `0.5`. */
  public get amount(): string {
    return this.quantity;
  }
}
