/** The command registry: one module per chat verb. `/ci help` and the docs are generated from it. */
import type { CommandModule } from '../src/operations/index.js';
import { helpCommand } from './help.js';
import { scale } from './scale.js';
import { status } from './status.js';

export const commands: readonly CommandModule[] = [status, scale, helpCommand(() => commands)];

export { tokenize } from './tokenize.js';
export { unknownCommand, overview } from './help.js';
