// Refresh and "Load more".
import type { CommandModule } from './commandModule';
import { LoadMoreNode } from '../trees/treeNode';
import { COMMANDS } from './commandIds';

export const refreshCommands: CommandModule = {
  commands: (services) => ({
    [COMMANDS.refresh]: async () => {
      await services.config.reload();
      services.trees.refreshAll();
      await services.trees.refreshRuns();
    },
    [COMMANDS.loadMore]: (node?: unknown) => {
      if (node instanceof LoadMoreNode) node.owner.loadMore();
    },
  }),
};
