import { Strategy } from 'passport-strategy';

type Done = (error: unknown, user?: unknown) => void;

/**
 * A passport strategy that hands one extracted input to a verify callback. @nestjs/passport's
 * PassportStrategy mixin supplies that callback, which calls the subclass's `validate(input)`.
 */
export abstract class ExtractingStrategy<Input> extends Strategy {
  declare success: (user: unknown) => void;
  declare fail: (challenge?: unknown, status?: number) => void;
  declare error: (err: unknown) => void;

  constructor(private readonly verify: (input: Input, done: Done) => void) {
    super();
  }

  /** The input to verify, or undefined to fail with `challenge` at once. */
  protected abstract extract(req: import('express').Request): Input | undefined;
  protected abstract readonly challenge: string;

  override authenticate(req: import('express').Request): void {
    const input = this.extract(req);
    if (input === undefined) return this.fail(this.challenge, 401);
    this.verify(input, (error, user) => {
      if (error) return this.error(error);
      return user ? this.success(user) : this.fail(this.challenge, 401);
    });
  }
}
