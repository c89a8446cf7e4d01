/**
 * A problem with a model file or with how it is used, worded for the person who dropped it:
 * what is wrong and what to do about it. Anything else thrown from runtime/ is a bug.
 */
export class ModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
  }
}

/** The message of any thrown value, for wrapping engine errors into a ModelError. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
