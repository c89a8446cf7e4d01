/**
 * A dataset that cannot be read. The message says what is wrong with the file and what to do about
 * it, so the UI and the CLI can show it as it is.
 */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}
