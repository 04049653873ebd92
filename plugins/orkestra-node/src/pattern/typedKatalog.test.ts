import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  detectTypedKatalog,
  detectTypedKatalogText,
  extractRuntimeVersionFromGoMod,
  runtimeVersionFromGoMod,
} from './typedKatalog';

const katalog = (crds: string) =>
  `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata:\n  name: x\nspec:\n  crds:\n${crds}`;

describe('detectTypedKatalog (ork cmd/cli/push.go)', () => {
  it('is undefined for a declarative katalog', () => {
    expect(
      detectTypedKatalogText(
        katalog(
          '    webapp:\n      apiTypes: { kind: WebApp }\n      operatorBox:\n        reconciler: { workers: 2 }\n        onReconcile: {}\n',
        ),
      ),
    ).toBeUndefined();
    expect(detectTypedKatalogText('kind: Katalog\n')).toBeUndefined();
  });

  it('reports reconciler.hooks and reconciler.constructor of any enabled CRD', () => {
    expect(
      detectTypedKatalogText(
        katalog(
          '    a:\n      operatorBox:\n        reconciler:\n          hooks: { location: { function: NewHooks } }\n',
        ),
      ),
    ).toEqual({ hasHooks: true, hasConstructor: false });
    expect(
      detectTypedKatalogText(
        katalog(
          '    a:\n      operatorBox:\n        reconciler:\n          hooks: {}\n    b:\n      operatorBox:\n        reconciler:\n          default: false\n          constructor: { location: { function: New } }\n',
        ),
      ),
    ).toEqual({ hasHooks: true, hasConstructor: true });
  });

  it('ignores disabled CRDs and null blocks (a nil pointer in Go)', () => {
    expect(
      detectTypedKatalogText(
        katalog(
          '    a:\n      enabled: false\n      operatorBox:\n        reconciler:\n          hooks: {}\n    b:\n      operatorBox:\n        reconciler:\n          hooks:\n          constructor: ~\n',
        ),
      ),
    ).toBeUndefined();
    expect(
      detectTypedKatalogText(
        katalog(
          '    a:\n      enabled: true\n      operatorBox:\n        reconciler:\n          constructor: {}\n',
        ),
      ),
    ).toEqual({ hasHooks: false, hasConstructor: true });
  });

  it('is undefined when the katalog does not parse or decode, like a ParseFile error', () => {
    expect(detectTypedKatalogText('spec: [unclosed\n')).toBeUndefined();
    // hooks as a string cannot decode into HookDeclaration.
    expect(
      detectTypedKatalogText(
        katalog(
          '    a:\n      operatorBox:\n        reconciler:\n          hooks: yes-please\n    b:\n      operatorBox:\n        reconciler:\n          constructor: {}\n',
        ),
      ),
    ).toBeUndefined();
    expect(
      detectTypedKatalogText(
        katalog(
          '    a:\n      enabled: "no"\n      operatorBox:\n        reconciler:\n          hooks: {}\n',
        ),
      ),
    ).toBeUndefined();
  });

  it('reads the file, and is undefined when it is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'typed-katalog-'));
    try {
      await writeFile(
        join(dir, 'katalog.yaml'),
        katalog(
          '    a:\n      operatorBox:\n        reconciler:\n          hooks: {}\n',
        ),
      );
      await expect(
        detectTypedKatalog(join(dir, 'katalog.yaml')),
      ).resolves.toEqual({ hasHooks: true, hasConstructor: false });
      await expect(
        detectTypedKatalog(join(dir, 'nope.yaml')),
      ).resolves.toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('extractRuntimeVersionFromGoMod (ork cmd/cli/push.go)', () => {
  it('reads the inline and the block form', () => {
    expect(
      runtimeVersionFromGoMod(
        'module example.com/op\n\ngo 1.24\n\nrequire github.com/orkspace/orkestra v0.7.6\n',
      ),
    ).toBe('v0.7.6');
    expect(
      runtimeVersionFromGoMod(
        'module m\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgithub.com/orkspace/orkestra v0.8.1 // indirect\r\n)\n',
      ),
    ).toBe('v0.8.1');
  });

  it('takes the first match and ignores other modules and replace lines', () => {
    expect(
      runtimeVersionFromGoMod(
        'module m\nreplace github.com/orkspace/orkestra => ../orkestra\nrequire github.com/orkspace/orkestra-extra v9.9.9\nrequire (\n  github.com/orkspace/orkestra v0.7.0\n)\nrequire github.com/orkspace/orkestra v0.9.0\n',
      ),
    ).toBe('v0.7.0');
  });

  it('is empty without the requirement, with a bare line, or after a line bufio.Scanner cannot read', () => {
    expect(runtimeVersionFromGoMod('module m\n')).toBe('');
    expect(
      runtimeVersionFromGoMod('require github.com/orkspace/orkestra\n'),
    ).toBe('');
    expect(
      runtimeVersionFromGoMod(
        `// ${'x'.repeat(
          70_000,
        )}\nrequire github.com/orkspace/orkestra v0.7.6\n`,
      ),
    ).toBe('');
  });

  it('reads <dir>/go.mod, and is empty without one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'typed-gomod-'));
    try {
      await expect(extractRuntimeVersionFromGoMod(dir)).resolves.toBe('');
      await writeFile(
        join(dir, 'go.mod'),
        'module m\nrequire github.com/orkspace/orkestra v1.2.3\n',
      );
      await expect(extractRuntimeVersionFromGoMod(dir)).resolves.toBe('v1.2.3');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
