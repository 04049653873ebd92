import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isOrkestraPatternEntity } from '@orkspace/backstage-plugin-orkestra-common';

/** The "Pattern" tab of Orkestra pattern entities, at `<entity>/orkestra`. */
export const orkestraPatternContent = EntityContentBlueprint.make({
  name: 'pattern',
  params: {
    path: '/orkestra',
    title: 'Pattern',
    filter: isOrkestraPatternEntity,
    loader: () =>
      import('./components/PatternContent').then(m => <m.PatternContent />),
  },
});

/** Overview card of Orkestra pattern entities: latest version, gates, deprecation. */
export const orkestraQualityCard = EntityCardBlueprint.make({
  name: 'quality',
  params: {
    filter: isOrkestraPatternEntity,
    loader: () =>
      import('./components/QualityCard').then(m => <m.QualityCard />),
  },
});

/** Overview card of Orkestra pattern entities: policy status and reasons. */
export const orkestraPolicyCard = EntityCardBlueprint.make({
  name: 'policy',
  params: {
    filter: isOrkestraPatternEntity,
    loader: () => import('./components/PolicyCard').then(m => <m.PolicyCard />),
  },
});
