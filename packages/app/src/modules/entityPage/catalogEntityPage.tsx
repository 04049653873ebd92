import {
  coreExtensionData,
  ExtensionDataValue,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { EntityOrkestraDeprecationBanner } from '@orkspace/backstage-plugin-orkestra';

/** One entity content's data, with its element below the deprecation banner. */
export function belowBanner<TData extends ExtensionDataValue<unknown, string>>(
  content: Iterable<TData>,
): TData[] {
  return Array.from(content, data =>
    data.id === coreExtensionData.reactElement.id
      ? (coreExtensionData.reactElement(
          <EntityOrkestraDeprecationBanner>
            {data.value as JSX.Element}
          </EntityOrkestraDeprecationBanner>,
        ) as TData)
      : data,
  );
}

/**
 * The catalog's entity page, with the Orkestra deprecation banner at the top
 * of every tab of a pattern entity whose latest version is deprecated (the
 * page has no slot above all tabs but the header, which is the catalog's).
 */
export const catalogEntityPage = catalogPlugin
  .getExtension('page:catalog/entity')
  .override({
    factory(originalFactory, { inputs }) {
      return originalFactory({
        inputs: {
          ...inputs,
          contents: inputs.contents.map(belowBanner),
        },
      });
    },
  });
