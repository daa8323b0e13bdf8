import { MAX_URI_LENGTH, MAX_URIS_PER_LIST, uriListProblems, uriProblem } from './client-uris';

describe('App URL rule (uriProblem)', () => {
  it('accepts absolute https URLs, with a port, path and query', () => {
    for (const uri of ['https://wiki.example.com/callback', 'https://wiki.example.com:8443/oidc/cb?x=1', 'HTTPS://Wiki.Example.com/cb', 'https://10.0.0.5/cb']) {
      expect(uriProblem(uri)).withContext(uri).toBeUndefined();
    }
  });

  it('accepts http only on loopback hosts', () => {
    for (const uri of ['http://localhost:3000/cb', 'http://LOCALHOST/cb', 'http://127.0.0.1:8080/cb', 'http://[::1]:4200/cb', 'http://wiki.localhost/cb']) {
      expect(uriProblem(uri)).withContext(uri).toBeUndefined();
    }
    for (const uri of ['http://wiki.example.com/cb', 'http://localhost.evil.example/cb', 'http://127.0.0.2/cb', 'http://10.0.0.5/cb', 'http://localhostx/cb']) {
      expect(uriProblem(uri)).withContext(uri).toMatch(/https:\/\/.*only accepted for localhost/);
    }
  });

  it('refuses http even on localhost when https is required', () => {
    expect(uriProblem('http://localhost/login', { httpsOnly: true })).toBe('Use https://.');
    expect(uriProblem('https://localhost/login', { httpsOnly: true })).toBeUndefined();
  });

  it('refuses relative, schemeless and non-web URLs', () => {
    for (const uri of ['/callback', 'wiki.example.com/cb', '//wiki.example.com/cb', 'https:wiki.example.com', 'https:/wiki.example.com', 'ftp://example.com/cb', 'javascript:alert(1)', 'com.example.app:/cb', 'https://', 'not a url']) {
      expect(uriProblem(uri)).withContext(uri).toBeDefined();
    }
  });

  it('refuses fragments, even an empty one', () => {
    expect(uriProblem('https://wiki.example.com/cb#x')).toMatch(/fragment/);
    expect(uriProblem('https://wiki.example.com/cb#')).toMatch(/fragment/);
  });

  it('refuses credentials, spaces, empty values, non-strings and over-long URLs', () => {
    expect(uriProblem('https://user:pw@wiki.example.com/cb')).toMatch(/user name and password/);
    expect(uriProblem('https://wiki.example.com/a b')).toMatch(/spaces/);
    expect(uriProblem(' https://wiki.example.com/cb')).toMatch(/spaces/);
    expect(uriProblem('')).toBe('Enter a URL.');
    expect(uriProblem(42)).toBe('Enter a URL.');
    const long = 'https://wiki.example.com/' + 'a'.repeat(MAX_URI_LENGTH);
    expect(uriProblem(long)).toMatch(/at most 2000 characters/);
    expect(uriProblem(long.slice(0, MAX_URI_LENGTH))).toBeUndefined();
  });
});

describe('App URL lists (uriListProblems)', () => {
  it('requires at least one URL when asked to', () => {
    expect(uriListProblems(undefined, { required: true })).toEqual(['Enter at least one URL.']);
    expect(uriListProblems([], { required: true })).toEqual(['Enter at least one URL.']);
    expect(uriListProblems(undefined, { required: false })).toEqual([]);
    expect(uriListProblems([], { required: false })).toEqual([]);
  });

  it('names each refused URL in its message', () => {
    const problems = uriListProblems(['https://ok.example.com/cb', 'http://wiki.example.com/cb', 'https://x.example.com/#a'], { required: true });
    expect(problems.length).toBe(2);
    expect(problems[0]).toMatch(/^http:\/\/wiki\.example\.com\/cb: Use https:\/\//);
    expect(problems[1]).toMatch(/^https:\/\/x\.example\.com\/#a: .*fragment/);
  });

  it('refuses more than 20 URLs, duplicates and non-lists', () => {
    const many = Array.from({ length: MAX_URIS_PER_LIST + 1 }, (_, i) => `https://app.example.com/cb/${i}`);
    expect(uriListProblems(many, { required: true })).toEqual(['Enter at most 20 URLs.']);
    expect(uriListProblems(many.slice(0, MAX_URIS_PER_LIST), { required: true })).toEqual([]);
    expect(uriListProblems(['https://a.example.com/', 'https://a.example.com/'], { required: true })).toEqual(['Enter each URL once.']);
    expect(uriListProblems('https://a.example.com/', { required: true })).toEqual(['Enter a list of URLs.']);
  });
});
