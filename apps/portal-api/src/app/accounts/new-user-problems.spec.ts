import { newUserProblems, normaliseEmail } from './accounts.service';

describe('new user checks', () => {
  it('accepts a complete, valid user', () => {
    expect(newUserProblems({ email: 'marie@example.com', name: 'Marie', password: 'twelve chars!', groups: ['IT'] })).toEqual({});
  });

  it('names every field that is wrong', () => {
    const problems = newUserProblems({ email: 'nope', name: ' ', password: 'short', groups: [''] });
    expect(Object.keys(problems).sort()).toEqual(['email', 'groups', 'name', 'password']);
  });

  it('compares emails case-insensitively and without surrounding spaces', () => {
    expect(normaliseEmail('  Marie.Curie@Example.COM ')).toBe('marie.curie@example.com');
  });
});
