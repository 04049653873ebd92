import { Content, Header, Page } from '@backstage/core-components';
import { OrkestraPage } from './components/OrkestraPage';

/**
 * The pattern health page for legacy apps: unlike the new frontend system,
 * the legacy app renders no page shell, so this adds the Backstage page header.
 */
export const LegacyOrkestraPage = () => (
  <Page themeId="tool">
    <Header title="Orkestra" />
    <Content>
      <OrkestraPage />
    </Content>
  </Page>
);
