import { PolicyCard } from '../PolicyCard';
import { QualityCard } from '../QualityCard';

/**
 * The Quality and Policy cards side by side (one above the other when the
 * column is narrow), so both open the overview in its first row.
 */
export const QualityAndPolicyCards = () => (
  <div
    role="group"
    aria-label="Pattern quality and policy"
    style={{
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))',
      gap: 'var(--bui-space-6)',
      alignItems: 'stretch',
    }}
  >
    <QualityCard />
    <PolicyCard />
  </div>
);
