/** A condition that stops the process at start; main prints `message` as one line, no stack. */
export class StartupError extends Error {}
