import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { catalogEntityPage } from './modules/entityPage';

export default createApp({
  features: [
    catalogPlugin.withOverrides({ extensions: [catalogEntityPage] }),
    navModule,
    homeModule,
  ],
});
