/**
 * A Keystone v3 session: issues a project-scoped token (password or application credential),
 * keeps it until fewer than `reauthMarginMs` remain (keystoneauth's 120 s), shares one in-flight
 * request between concurrent callers, and drops a token the services refused.
 */
import { headerValue, parseJson, type JsonHttpClient } from '../http/json-client.js';
import { HttpApiError, ResponseInvalidError } from '../errors.js';
import type { OpenStackAuth, OpenStackConfig } from './config.js';
import { openStackError } from './errors.js';
import { KeystoneToken, type KeystoneService } from './schemas/keystone.js';

export interface KeystoneAuthState {
  token: string;
  /** Milliseconds since the epoch; Infinity when Keystone says the token never expires. */
  expiresAt: number;
  projectId: string | undefined;
  userId: string;
  catalog: KeystoneService[];
}

export interface SessionOptions {
  /** Get a new token when fewer than this many ms remain (default 120 000, like keystoneauth). */
  reauthMarginMs?: number;
  now?: () => number;
}

export class KeystoneSession {
  private current: KeystoneAuthState | undefined;
  private inFlight: Promise<KeystoneAuthState> | undefined;
  private readonly margin: number;
  private readonly now: () => number;

  constructor(
    private readonly http: JsonHttpClient,
    private readonly config: Pick<OpenStackConfig, 'authType' | 'auth'>,
    opts: SessionOptions = {},
  ) {
    this.margin = opts.reauthMarginMs ?? 120_000;
    this.now = opts.now ?? Date.now;
    http.redactor.add(config.auth.password);
    http.redactor.add(config.auth.applicationCredentialSecret);
  }

  /** A token valid for at least the margin; authenticates at most once for concurrent callers. */
  async authenticate(): Promise<KeystoneAuthState> {
    if (this.current && this.current.expiresAt - this.now() > this.margin) return this.current;
    this.inFlight ??= this.issue().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Forget `token` (a service answered 401 to it) so the next call authenticates again. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async issue(): Promise<KeystoneAuthState> {
    const url = tokenUrl(this.config.auth.authUrl);
    let reply;
    try {
      reply = await this.http.send({ method: 'POST', url, body: authRequest(this.config), expect: [201] });
    } catch (err) {
      if (err instanceof HttpApiError) throw openStackError('POST', url, err.status, err.body);
      throw err;
    }
    const token = headerValue(reply.headers, 'x-subject-token');
    if (!token) throw new ResponseInvalidError('openstack', 'Keystone token', 'no X-Subject-Token header');
    this.http.redactor.add(token);
    const body = parseJson('openstack', reply.text, KeystoneToken, 'Keystone token', this.http.redactor).token;
    const state: KeystoneAuthState = {
      token,
      expiresAt: body.expires_at === null ? Infinity : Date.parse(body.expires_at),
      projectId: body.project?.id,
      userId: body.user.id,
      catalog: body.catalog ?? [],
    };
    this.current = state;
    return state;
  }
}

/** keystoneauth: `{auth_url}/auth/tokens` when the URL ends in v3, else `{auth_url}/v3/auth/tokens`. */
export function tokenUrl(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, '');
  return /\/v3$/.test(base) ? `${base}/auth/tokens` : `${base}/v3/auth/tokens`;
}

/** The `POST /v3/auth/tokens` body (fixtures keystone-auth-*-req.json). */
export function authRequest(config: Pick<OpenStackConfig, 'authType' | 'auth'>): unknown {
  const a = config.auth;
  if (config.authType === 'v3applicationcredential') {
    const cred = a.applicationCredentialId
      ? { id: a.applicationCredentialId, secret: a.applicationCredentialSecret }
      : { name: a.applicationCredentialName, secret: a.applicationCredentialSecret, user: userRef(a) };
    // Keystone refuses a scope here: the scope comes from the credential itself.
    return { auth: { identity: { methods: ['application_credential'], application_credential: cred } } };
  }
  const project = a.projectId
    ? { id: a.projectId }
    : { name: a.projectName, domain: a.projectDomainId ? { id: a.projectDomainId } : { name: a.projectDomainName } };
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { ...userRef(a), password: a.password } } },
      scope: { project },
    },
  };
}

function userRef(a: OpenStackAuth): Record<string, unknown> {
  if (a.userId) return { id: a.userId };
  return { name: a.username, domain: a.userDomainId ? { id: a.userDomainId } : { name: a.userDomainName } };
}
