/** A preference the project cannot store as asked: the message says what is wrong. */
export class PreferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreferenceError';
  }
}

/** The person a preference names does not exist (any more). */
export class UnknownPersonError extends PreferenceError {
  constructor(kind: 'user' | 'customer', id: string) {
    super(`there is no ${kind} with id ${id}`);
    this.name = 'UnknownPersonError';
  }
}
