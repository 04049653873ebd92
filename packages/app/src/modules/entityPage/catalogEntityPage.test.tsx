import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityOrkestraDeprecationBanner } from '@orkspace/backstage-plugin-orkestra';
import { isValidElement } from 'react';
import { belowBanner } from './catalogEntityPage';

describe('belowBanner', () => {
  it('puts the content element below the deprecation banner and keeps the rest', () => {
    const element = <p>Tab content</p>;
    const path = coreExtensionData.routePath('/orkestra');

    const [wrapped, samePath] = belowBanner([
      coreExtensionData.reactElement(element),
      path,
    ]);

    expect(wrapped.id).toBe(coreExtensionData.reactElement.id);
    const banner = wrapped.value;
    expect(isValidElement(banner)).toBe(true);
    expect((banner as JSX.Element).type).toBe(EntityOrkestraDeprecationBanner);
    expect((banner as JSX.Element).props.children).toBe(element);
    expect(samePath).toBe(path);
  });
});
