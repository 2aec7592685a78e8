/** One `npm run server -- <name> [args]` command. */
export interface Command {
  /** One line for `help`. */
  summary: string;
  usage?: string;
  /** Resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}
