/**
 * The Web API methods the simulator implements, by Slack method name.
 */
import type { ApiMethod } from '../context.js';
import { chatDelete, chatPostEphemeral, chatPostMessage, chatUpdate } from './chat.js';
import { authTest, conversationsInfo, conversationsJoin, usergroupsList, usergroupsUsersList, usersInfo } from './directory.js';
import { filesCompleteUploadExternal, filesGetUploadURLExternal } from './files.js';
import { viewsPublish } from './views.js';

export const apiMethods: Readonly<Record<string, ApiMethod>> = {
  'auth.test': authTest,
  'chat.postMessage': chatPostMessage,
  'chat.update': chatUpdate,
  'chat.postEphemeral': chatPostEphemeral,
  'chat.delete': chatDelete,
  'files.getUploadURLExternal': filesGetUploadURLExternal,
  'files.completeUploadExternal': filesCompleteUploadExternal,
  'users.info': usersInfo,
  'usergroups.list': usergroupsList,
  'usergroups.users.list': usergroupsUsersList,
  'conversations.info': conversationsInfo,
  'conversations.join': conversationsJoin,
  'views.publish': viewsPublish,
};
