// Refresh and "Load more".
import type { CommandModule } from './commandModule';
import { LoadMoreNode } from '../trees/treeNode';

export const refreshCommands: CommandModule = {
  commands: (services) => ({
    'adatrap.refresh': async () => {
      await services.config.reload();
      services.trees.refreshAll();
      await services.trees.refreshRuns();
    },
    'adatrap.loadMore': (node?: unknown) => {
      if (node instanceof LoadMoreNode) node.owner.loadMore();
    },
  }),
};
