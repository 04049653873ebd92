import { parseReference, registryMatchesPrefix } from '.';
import { SHA256 } from './testing';

describe('registryMatchesPrefix', () => {
  const ref = (input: string) => parseReference(input);

  it.each<[string, string, boolean]>([
    ['ghcr.io/acme/x:v1', 'ghcr.io/acme/', true],
    ['ghcr.io/acme/x:v1', 'ghcr.io/acme', true],
    ['ghcr.io/acme-evil/x:v1', 'ghcr.io/acme/', false],
    ['ghcr.io/acme-evil/x:v1', 'ghcr.io/acme', false],
    ['ghcr.io/acmex', 'ghcr.io/acme', false],
    ['ghcr.io/acme', 'ghcr.io/acme', true],
    ['ghcr.io/acme/x', 'ghcr.io/acme/x', true],
    [`ghcr.io/acme/x:v1@${SHA256}`, 'ghcr.io/acme/x', true],
    ['ghcr.io/acme/x/y/z', 'ghcr.io/acme/x/y', true],
    ['ghcr.io/acme/x', 'ghcr.io/acme/x/y', false],
    ['ghcr.io/acme/x', 'oci://ghcr.io/acme/', true],
    ['ghcr.io/acme/x', 'GHCR.IO/acme', true],
    ['ghcr.io/acme/x', 'ghcr.io', true],
    ['ghcr.io/acme/x', 'ghcr.io/', true],
    ['ghcr.io.evil.com/acme/x', 'ghcr.io', false],
    ['ghcr.io/acme/x', 'ghcr.io.evil.com', false],
    ['evil.io/ghcr.io/acme/x', 'ghcr.io/acme', false],
    ['ghcr.io/acme/x', 'ghcr.io/Acme', false],
    ['localhost:5000/acme/x', 'localhost:5000/acme', true],
    ['localhost:5001/acme/x', 'localhost:5000/acme', false],
    ['localhost/acme/x', 'localhost:5000', false],
    ['docker.io/acme/app', 'index.docker.io/acme', true],
    ['index.docker.io/acme/app', 'docker.io/acme/', true],
    ['acme/app', 'docker.io/acme', true],
    ['docker.io/acme/app', 'acme/', true],
    ['ubuntu', 'docker.io/library', true],
    ['ghcr.io/acme/app', 'acme', false],
    ['ghcr.io/acme/x', '', false],
    ['ghcr.io/acme/x', 'oci://', false],
  ])('%s with prefix %j → %s', (input, prefix, expected) => {
    expect(registryMatchesPrefix(ref(input), prefix)).toBe(expected);
  });

  it('compares hosts of hand-built references case-insensitively', () => {
    expect(
      registryMatchesPrefix(
        { registry: 'GHCR.io', repository: 'acme/x' },
        'ghcr.io/acme',
      ),
    ).toBe(true);
  });
});
