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

/**
 * The Quality and Policy cards side by side, to open the overview with both
 * in its first row. Disabled by default: an app enables it in `app.extensions`
 * (listed first, so it comes first) and disables the two single cards.
 */
export const orkestraQualityAndPolicyCards = EntityCardBlueprint.make({
  name: 'quality-and-policy',
  disabled: true,
  params: {
    filter: isOrkestraPatternEntity,
    type: 'content',
    loader: () =>
      import('./components/QualityAndPolicyCards').then(m => (
        <m.QualityAndPolicyCards />
      )),
  },
});
