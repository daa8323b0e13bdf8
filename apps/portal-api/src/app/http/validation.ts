import { ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
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

/**
 * Refuses a NUL character in any body, query or path value with a 400: PostgreSQL can't store one
 * in text (it would be a 500), and no field of Passerelle has a use for it.
 */
export class RefuseNulCharacters implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom' && hasNul(value, 0)) {
      throw new AppError('validation_failed', 400, 'Text can’t contain NUL characters (\\u0000).');
    }
    return value;
  }
}

function hasNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || hasNul(inner, depth + 1));
}
