// How many of our machines may be alive at once when a range is launched. One number for the CLI
// (`--max-parallel` default) and the extension, so both protect the account the same way.
export const DEFAULT_MAX_PARALLEL_RUNS = 4;
/** The most `--max-parallel` accepts. */
export const MAX_PARALLEL_OPTION = 50;
