/**
 * Entry of the runtime process, the same file under Electron's utilityProcess and under
 * child_process.fork. The coordinator runs here; user code runs in the container workers, whose
 * entry is bundled beside this file.
 */

import { join } from 'node:path';
import { Coordinator } from './coordinator.ts';
import { ownerTransport } from './transport.ts';

const transport = ownerTransport();
// No orphans: when the owner is gone, so is the runtime, whatever its cells are doing.
transport.onOwnerGone(() => process.exit(0));
new Coordinator(transport, join(__dirname, 'evaluator.cjs'));
