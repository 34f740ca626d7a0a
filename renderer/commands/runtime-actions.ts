/** What loses every binding asks first, as VS Code's notebooks do: a restart, and a restart followed by Run all. */

import type { DialogController } from '../components/Dialogs.tsx';
import type { NotebookStore } from '../session/notebook-store.ts';

export class RuntimeActions {
  constructor(
    private readonly store: NotebookStore,
    private readonly dialogs: DialogController,
  ) {}

  async restart(): Promise<boolean> {
    const confirmed = await this.dialogs.ask({
      kind: 'confirm',
      message: 'Restart the runtime? Every binding is lost: the cells must run again.',
      confirm: 'Restart',
    });
    if (confirmed) await this.store.restartRuntime();
    return confirmed;
  }

  async restartAndRunAll(): Promise<void> {
    const confirmed = await this.dialogs.ask({
      kind: 'confirm',
      message: 'Restart the runtime and run every cell from the top? Every binding is lost first.',
      confirm: 'Restart and run all',
    });
    if (!confirmed) return;
    await this.store.restartRuntime();
    this.store.runAll();
  }
}
