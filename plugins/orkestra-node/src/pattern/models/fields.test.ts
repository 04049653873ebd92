import { z } from 'zod/v4';
import { PatternValidationError } from '../PatternValidationError';
import {
  goBoolean,
  itemMapping,
  list,
  mapping,
  nonEmptyString,
  parseModel,
  requiredString,
  stringMap,
} from './fields';
import { YamlScalar } from './yamlDocument';

const schema = z.object({
  name: requiredString,
  note: nonEmptyString,
  spec: mapping({
    items: list(itemMapping({ enabled: goBoolean })),
    labels: stringMap,
  }),
});

describe('parseModel', () => {
  it('reads null and missing keys as not set, and scalars by their text', () => {
    expect(
      parseModel(
        schema,
        { name: new YamlScalar(1.0, '1.0'), note: '', spec: null },
        'f.yaml',
      ),
    ).toEqual({ name: '1.0' });
    expect(
      parseModel(
        schema,
        { name: 'n', spec: { items: null, labels: { a: null } } },
        'f.yaml',
      ),
    ).toEqual({ name: 'n', spec: { items: [], labels: { a: '' } } });
  });

  it('renders the first issue as <file>: <key.path> <problem>', () => {
    const cases: Array<[unknown, string]> = [
      [[], 'f.yaml must be a YAML mapping'],
      [{}, 'f.yaml: name is required'],
      [{ name: ['x'] }, 'f.yaml: name must be a string'],
      [{ name: 'n', spec: 'x' }, 'f.yaml: spec must be a mapping'],
      [{ name: 'n', spec: { items: {} } }, 'f.yaml: spec.items must be a list'],
      [
        { name: 'n', spec: { items: [{}, { enabled: 'yes' }] } },
        'f.yaml: spec.items[1].enabled must be a boolean',
      ],
      [
        { name: 'n', spec: { labels: { 'a.b': [] } } },
        'f.yaml: spec.labels.a.b must be a string',
      ],
    ];
    for (const [document, message] of cases) {
      expect(() => parseModel(schema, document, 'f.yaml')).toThrow(
        new PatternValidationError(message),
      );
    }
  });
});
