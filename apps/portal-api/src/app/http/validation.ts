import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from './app-error';

/**
 * Rejects unknown and malformed fields with 400 `validation_failed` and one list of messages
 * per field, so forms can show them next to the inputs.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fields: Record<string, string[]> = {};
      collect(errors, '', fields);
      return new AppError('validation_failed', 400, 'Some fields are missing or not valid.', fields);
    },
  });
}

function collect(errors: ValidationError[], prefix: string, into: Record<string, string[]>): void {
  for (const error of errors) {
    const name = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length > 0) {
      into[name] = constraints.map(([rule, text]) => (rule === 'whitelistValidation' ? `${name} is not an accepted field` : text));
    }
    if (error.children?.length) collect(error.children, name, into);
  }
}
