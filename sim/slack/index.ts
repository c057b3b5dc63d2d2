/**
 * The Slack simulator, the request driver that plays the humans, and the terminal renderer.
 */
export { startSlackSim, type SlackSim, type SlackSimOptions } from './server.js';
export { SlackStore, defaultChannels, defaultUsers, defaultUsergroups } from './store.js';
export type { SlackSimControls } from './faults.js';
export type { SlackSimStats } from './web-api.js';
export type { SlackIdentity } from './context.js';
export type * from './types.js';
export { slashCommandText, escapeEntities } from './escape.js';
export { SlackDriver, type SlackDriverOptions, type SlashCommandInput, type ClickButtonInput, type BotReply } from './driver.js';
export { buttonsOf, type MessageButton } from './buttons.js';
export { slackSignature } from './sign.js';
export { renderMessageText, namesFromStore, type RenderOptions, type RenderableMessage, type NameLookup } from './render-text.js';
export { renderMrkdwn } from './render-mrkdwn.js';
export { wireMessage } from './messages.js';
export { waitForSlack, type SlackSimEvents } from './wait.js';
export { validateBlocks } from './validate-blocks.js';
