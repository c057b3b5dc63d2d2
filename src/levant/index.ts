/** The Levant-compatible renderer: Go text/template with `[[ ]]`, Sprig and Levant's functions. */
export { TemplateError } from './errors.js';
export { type RenderOptions, renderTemplate, renderText } from './render.js';
export { loadVariables, parseYamlVars } from './var-files.js';
export { toPlain } from './plain.js';
