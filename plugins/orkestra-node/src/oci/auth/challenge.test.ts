import {
  basicChallenge,
  bearerChallenge,
  cleanScopes,
  findChallenge,
  mergeScopes,
  parseChallenges,
  parseScopes,
} from './challenge';

describe('parseChallenges', () => {
  it('parses a single Bearer challenge as sent by registries', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    ]);
  });

  it('parses several challenges in one header, with commas inside quotes', () => {
    expect(
      parseChallenges(
        'Basic realm="a", Bearer realm="https://auth/token",service="reg",scope="repository:x:pull,push"',
      ),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'a' } },
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth/token',
          service: 'reg',
          scope: 'repository:x:pull,push',
        },
      },
    ]);
  });

  it('parses the RFC 7235 example with escaped quotes and token values', () => {
    expect(
      parseChallenges(
        'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
      ),
    ).toEqual([
      {
        scheme: 'newauth',
        params: { realm: 'apps', type: '1', title: 'Login to "apps"' },
      },
      { scheme: 'basic', params: { realm: 'simple' } },
    ]);
  });

  it('lower-cases schemes and parameter names but not values', () => {
    expect(
      parseChallenges('BEARER Realm="HTTPS://X/Token", SERVICE=Reg'),
    ).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'HTTPS://X/Token', service: 'Reg' },
      },
    ]);
  });

  it('parses token68 challenges', () => {
    expect(parseChallenges('Negotiate abc==')).toEqual([
      { scheme: 'negotiate', params: {}, token68: 'abc==' },
    ]);
    expect(parseChallenges('Negotiate a/b+c=, Basic realm="r"')).toEqual([
      { scheme: 'negotiate', params: {}, token68: 'a/b+c=' },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
  });

  it('accepts schemes without parameters', () => {
    expect(parseChallenges('Basic, Bearer realm="r"')).toEqual([
      { scheme: 'basic', params: {} },
      { scheme: 'bearer', params: { realm: 'r' } },
    ]);
    expect(parseChallenges('Basic')).toEqual([{ scheme: 'basic', params: {} }]);
  });

  it('tolerates extra whitespace and empty list elements', () => {
    expect(
      parseChallenges(
        '  ,  Bearer   realm = "r" ,\t service= "s"  , ,  Basic\trealm="b"  ,',
      ),
    ).toEqual([
      { scheme: 'bearer', params: { realm: 'r', service: 's' } },
      { scheme: 'basic', params: { realm: 'b' } },
    ]);
  });

  it('accepts unquoted values that are not strict tokens', () => {
    expect(
      parseChallenges('Bearer realm=https://ghcr.io/token,service=ghcr.io'),
    ).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'https://ghcr.io/token', service: 'ghcr.io' },
      },
    ]);
  });

  it('keeps the error parameter and unknown schemes', () => {
    const challenges = parseChallenges(
      'Custom foo="bar", Bearer realm="r",error="insufficient_scope"',
    );
    expect(challenges.map(c => c.scheme)).toEqual(['custom', 'bearer']);
    expect(challenges[1].params.error).toBe('insufficient_scope');
  });

  it('keeps the first of repeated parameters', () => {
    expect(parseChallenges('Bearer realm="a", realm="b"')[0].params).toEqual({
      realm: 'a',
    });
  });

  it('returns nothing for empty or missing headers', () => {
    expect(parseChallenges('')).toEqual([]);
    expect(parseChallenges('   ')).toEqual([]);
    expect(parseChallenges(null)).toEqual([]);
    expect(parseChallenges(undefined)).toEqual([]);
  });

  it('skips garbage without throwing', () => {
    expect(parseChallenges('@@@, Bearer realm="r"')).toEqual([
      { scheme: 'bearer', params: { realm: 'r' } },
    ]);
    expect(parseChallenges('"quoted, junk", Basic realm="b"')).toEqual([
      { scheme: 'basic', params: { realm: 'b' } },
    ]);
    expect(parseChallenges('Bearer realm="r" junk, service="s"')).toEqual([
      { scheme: 'bearer', params: { realm: 'r', service: 's' } },
    ]);
    expect(parseChallenges('Bearer realm="unterminated, service=s')).toEqual([
      { scheme: 'bearer', params: {} },
    ]);
    expect(parseChallenges('=x, Basic')).toEqual([
      { scheme: 'basic', params: {} },
    ]);
  });

  it('never throws on arbitrary input', () => {
    const alphabet = 'aB =,"\\\t/@:;';
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      const length = next() % 30;
      let input = '';
      for (let j = 0; j < length; j++) {
        input += alphabet[next() % alphabet.length];
      }
      expect(() => parseChallenges(input)).not.toThrow();
    }
  });
});

describe('challenge helpers', () => {
  const challenges = parseChallenges(
    'Basic realm="one", Bearer realm="two", Basic realm="three", Bearer realm="four"',
  );

  it('pick the first challenge of a scheme', () => {
    expect(basicChallenge(challenges)?.params.realm).toBe('one');
    expect(bearerChallenge(challenges)?.params.realm).toBe('two');
    expect(findChallenge(challenges, 'BASIC')?.params.realm).toBe('one');
  });

  it('return undefined when the scheme is absent', () => {
    expect(bearerChallenge(parseChallenges('Basic realm="x"'))).toBeUndefined();
    expect(basicChallenge([])).toBeUndefined();
  });
});

describe('parseScopes', () => {
  it('splits on whitespace and drops empty entries', () => {
    expect(
      parseScopes(
        ' repository:a:pull  repository:b:pull,push registry:catalog:* ',
      ),
    ).toEqual([
      'repository:a:pull',
      'repository:b:pull,push',
      'registry:catalog:*',
    ]);
    expect(parseScopes('')).toEqual([]);
    expect(parseScopes(undefined)).toEqual([]);
  });
});

describe('cleanScopes / mergeScopes', () => {
  it('merges actions for the same resource, sorted and de-duplicated', () => {
    expect(
      mergeScopes(['repository:x:push,pull'], ['repository:x:pull,delete']),
    ).toEqual(['repository:x:delete,pull,push']);
  });

  it('lets * win over other actions', () => {
    expect(mergeScopes(['repository:x:pull'], ['repository:x:*'])).toEqual([
      'repository:x:*',
    ]);
  });

  it('keeps different resources and types apart and sorts the output', () => {
    expect(
      mergeScopes(
        ['repository:b:pull', 'registry:catalog:*'],
        ['repository:a:push', 'repository:b:push', 'repository:a:pull'],
      ),
    ).toEqual([
      'registry:catalog:*',
      'repository:a:pull,push',
      'repository:b:pull,push',
    ]);
  });

  it('handles names containing a port', () => {
    expect(
      mergeScopes(
        ['repository:localhost:5000/x:pull'],
        ['repository:localhost:5000/x:push'],
      ),
    ).toEqual(['repository:localhost:5000/x:pull,push']);
  });

  it('drops scopes without actions and keeps unrecognised ones verbatim', () => {
    expect(
      cleanScopes([
        'repository:x:',
        'opaque',
        'opaque',
        'a:b',
        'repository:y:,',
      ]),
    ).toEqual(['a:b', 'opaque']);
  });

  it('is deterministic regardless of input order', () => {
    const scopes = [
      'repository:c:pull',
      'repository:a:push',
      'repository:c:push',
      'repository:a:pull',
      'registry:catalog:*',
    ];
    const expected = mergeScopes(scopes, []);
    expect(mergeScopes([], [...scopes].reverse())).toEqual(expected);
    expect(mergeScopes(scopes.slice(2), scopes.slice(0, 2))).toEqual(expected);
  });
});
