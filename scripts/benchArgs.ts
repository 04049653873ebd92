/** `--<name> N` from the command line, a positive integer, or `fallback` when absent. */
export function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** `--runs N`: how many times each figure is measured (its median, min and max are printed); 3 by default. */
export function runsArg(): number {
  return arg('runs', 3);
}
