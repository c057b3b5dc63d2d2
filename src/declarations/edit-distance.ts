/** The declarations use the shared edit distance (src/operations is pure and importable from adapters). */
export { editDistance } from '../operations/edit-distance.js';
