import { AppError } from '../../../http/app-error';
import { createValidationPipe } from '../../../http/validation';
import { CreateAppDto } from './create-app.dto';

/** The request body shape, through the same ValidationPipe the app uses (rules are in appRequestProblems). */
describe('CreateAppDto', () => {
  const pipe = createValidationPipe();
  const validate = (body: unknown) => pipe.transform(body, { type: 'body', metatype: CreateAppDto });
  async function fieldsOf(body: unknown): Promise<Record<string, string[]>> {
    try {
      await validate(body);
    } catch (error) {
      if (error instanceof AppError) return error.fields ?? {};
      throw error;
    }
    throw new Error('expected a validation failure');
  }

  it('accepts a full request and trims the name', async () => {
    const dto = await validate({
      name: '  Wiki ',
      redirectUris: ['https://wiki.example.com/cb'],
      postLogoutRedirectUris: [],
      initiateLoginUri: 'https://wiki.example.com/login',
      backchannelLogoutUri: 'https://wiki.example.com/bc',
      public: false,
      scopes: ['alerts:write'],
      idTokenSigningAlg: 'ES256',
    });
    expect(dto).toEqual(jasmine.objectContaining({ name: 'Wiki', public: false, scopes: ['alerts:write'] }));
  });

  it('refuses unknown fields and wrong types, field by field', async () => {
    const fields = await fieldsOf({ name: 3, redirectUris: 'https://x.example.com', public: 'yes', scopes: [1], clientSecret: 'mine' });
    expect(Object.keys(fields).sort()).toEqual(['clientSecret', 'name', 'public', 'redirectUris', 'scopes']);
    expect(fields['clientSecret']).toEqual(['clientSecret is not an accepted field']);
    expect(fields['redirectUris']).toEqual(['Enter at least one redirect URI.']);
  });
});
