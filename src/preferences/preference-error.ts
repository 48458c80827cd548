/** A preference the project cannot store as asked: the message says what is wrong. */
export class PreferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreferenceError';
  }
}
