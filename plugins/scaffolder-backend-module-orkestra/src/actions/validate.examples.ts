import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const validateExamples: TemplateExample[] = [
  {
    description:
      'Validate the Katalog fetched into the workspace before publishing it as v1.0.0',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'orkestra:validate',
          name: 'Validate Katalog',
          input: { path: './katalog', tag: '${{ parameters.version }}' },
        },
      ],
    }),
  },
];
