/** Keystone v3 `POST /identity/v3/auth/tokens`: password and application credentials, token in X-Subject-Token. */
import { randomBytes } from 'node:crypto';
import { sendJson, type SimRouter } from '../http/server.js';
import type { SimContext } from './context.js';
import { readJson } from './context.js';
import { sendKeystoneError, UNAUTHENTICATED } from './faults.js';
import type { SimAppCredential, SimProject, SimToken, SimUser } from './model.js';
import { KeystoneAuthRequest } from './requests.js';

export function keystoneRoutes(router: SimRouter, ctx: SimContext): void {
  router.on('POST', '/identity/v3/auth/tokens', (req, res) => {
    const { state } = ctx;
    state.authRequests++;
    const identityUrl = `${ctx.url}/identity`;
    const parsed = KeystoneAuthRequest.safeParse(readJson(req));
    if (!parsed.success) {
      return sendKeystoneError(
        res,
        400,
        `Invalid input for field '${parsed.error.issues[0]?.path.join('.')}': ${parsed.error.issues[0]?.message}`,
        identityUrl,
      );
    }
    const { identity, scope } = parsed.data.auth;
    let user: SimUser | undefined;
    let project: SimProject | undefined;
    let cred: SimAppCredential | undefined;
    if (identity.methods.includes('application_credential') && identity.application_credential) {
      if (scope) return sendKeystoneError(res, 401, 'Application credentials cannot request a scope.', identityUrl);
      const ac = identity.application_credential;
      cred =
        'id' in ac
          ? state.cloud.appCredentials.find((c) => c.id === ac.id)
          : state.cloud.appCredentials.find((c) => c.name === ac.name && c.userId === findUser(state.cloud.users, ac.user)?.id);
      if (!cred || cred.secret !== ac.secret) return sendKeystoneError(res, 401, UNAUTHENTICATED, identityUrl);
      user = state.cloud.users.find((u) => u.id === cred?.userId);
      project = state.cloud.projects.find((p) => p.id === cred?.projectId);
    } else if (identity.methods.includes('password') && identity.password) {
      user = findUser(state.cloud.users, identity.password.user);
      if (!user || user.password !== identity.password.user.password) return sendKeystoneError(res, 401, UNAUTHENTICATED, identityUrl);
      const p = scope?.project;
      if (!p) return sendKeystoneError(res, 400, 'The simulator only issues project-scoped tokens.', identityUrl);
      project = state.cloud.projects.find((x) =>
        'id' in p ? x.id === p.id : x.name === p.name && ('id' in p.domain ? x.domain.id === p.domain.id : x.domain.name === p.domain.name),
      );
      if (!project || !user.projectIds.includes(project.id)) return sendKeystoneError(res, 401, UNAUTHENTICATED, identityUrl);
    } else {
      return sendKeystoneError(res, 400, 'Expecting to find identity method in auth.', identityUrl);
    }
    if (!user || !project) return sendKeystoneError(res, 401, UNAUTHENTICATED, identityUrl);
    const now = state.now();
    const token: SimToken = {
      id: `gAAAAA${randomBytes(24).toString('base64url')}`,
      userId: user.id,
      projectId: project.id,
      methods: identity.methods,
      issuedAt: now,
      expiresAt: now + state.tokenTtlMs,
      ...(cred ? { appCredentialId: cred.id } : {}),
    };
    state.tokens.set(token.id, token);
    sendJson(res, 201, tokenBody(ctx, token, user, project, cred), { 'x-subject-token': token.id, vary: 'X-Auth-Token' });
  });
}

function findUser(users: SimUser[], ref: { id: string } | { name: string; domain: { id: string } | { name: string } }): SimUser | undefined {
  if ('id' in ref) return users.find((u) => u.id === ref.id);
  return users.find((u) => u.name === ref.name && ('id' in ref.domain ? u.domain.id === ref.domain.id : u.domain.name === ref.domain.name));
}

function tokenBody(ctx: SimContext, t: SimToken, user: SimUser, project: SimProject, cred: SimAppCredential | undefined): unknown {
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
  return {
    token: {
      methods: t.methods,
      roles: [{ id: 'a3e7f6c1d2b04c8e9f0a1b2c3d4e5f60', name: 'member' }],
      expires_at: iso(t.expiresAt),
      issued_at: iso(t.issuedAt),
      audit_ids: [randomBytes(16).toString('base64url').slice(0, 22)],
      is_domain: false,
      project: { id: project.id, name: project.name, domain: project.domain },
      user: { id: user.id, name: user.name, domain: user.domain, password_expires_at: null },
      catalog: catalog(ctx, project.id),
      ...(cred ? { application_credential: { id: cred.id, name: cred.name, restricted: true } } : {}),
    },
  };
}

/** Public endpoints on 127.0.0.1, internal ones behind an /internal prefix, admin the same as public. */
function catalog(ctx: SimContext, projectId: string): unknown[] {
  const region = ctx.state.cloud.region;
  const service = (type: string, name: string, path: string) => ({
    id: Buffer.from(type).toString('hex').padEnd(32, '0').slice(0, 32),
    type,
    name,
    endpoints: (['public', 'internal', 'admin'] as const).map((iface) => ({
      id: Buffer.from(`${type}-${iface}`).toString('hex').padEnd(32, '0').slice(0, 32),
      interface: iface,
      region,
      region_id: region,
      url: `${ctx.url}${iface === 'internal' ? '/internal' : ''}${path}`,
    })),
  });
  return [
    service('identity', 'keystone', '/identity'),
    service('compute', 'nova', '/compute/v2.1'),
    service(ctx.state.blockStorageType, 'cinder', `/volume/v3/${projectId}`),
    service('image', 'glance', '/image'),
  ];
}
