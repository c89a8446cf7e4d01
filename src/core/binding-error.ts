/**
 * A binding that is invalid, or that does not fit the data or the model. The message names the
 * field, column or row at fault and says what to change. Re-exported by core/binding.
 */
export class BindingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindingError';
  }
}
