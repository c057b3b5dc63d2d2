import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOpenStackConfig } from '../../src/openstack/config.js';

let root: string;
let cwd: string;
let home: string;
let systemDir: string;

const cloudsYaml = (name: string, authUrl: string, extra = '') => `clouds:
  ${name}:
    auth:
      auth_url: ${authUrl}
      username: alice
      password: from-yaml-pass
      project_name: ALICE Release Testing
      user_domain_name: Default
      project_domain_id: default
    region_name: cern
${extra}`;

function write(dir: string, file: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  return join(dir, file);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'os-config-'));
  cwd = join(root, 'cwd');
  home = join(root, 'home');
  systemDir = join(root, 'etc-openstack');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(home, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const load = (env: Record<string, string> = {}) => loadOpenStackConfig({ env, cwd, home, systemDir });

describe('clouds.yaml search order', () => {
  it('uses /etc/openstack when nothing else exists', () => {
    write(systemDir, 'clouds.yaml', cloudsYaml('etc', 'https://etc.example:5000/v3'));
    expect(load().auth.authUrl).toBe('https://etc.example:5000/v3');
  });

  it('prefers ~/.config/openstack over /etc/openstack, and ./clouds.yaml over both', () => {
    write(systemDir, 'clouds.yaml', cloudsYaml('etc', 'https://etc.example:5000'));
    write(join(home, '.config', 'openstack'), 'clouds.yaml', cloudsYaml('home', 'https://home.example:5000'));
    expect(load().cloud).toBe('home');
    write(cwd, 'clouds.yml', cloudsYaml('here', 'https://here.example:5000'));
    expect(load().cloud).toBe('here');
  });

  it('puts OS_CLIENT_CONFIG_FILE first', () => {
    write(cwd, 'clouds.yaml', cloudsYaml('here', 'https://here.example:5000'));
    const file = write(join(root, 'elsewhere'), 'my-clouds.yaml', cloudsYaml('chosen', 'https://chosen.example:5000'));
    const config = load({ OS_CLIENT_CONFIG_FILE: file });
    expect(config.cloud).toBe('chosen');
    expect(config.source).toBe(file);
  });
});

describe('choosing and completing the cloud', () => {
  it('OS_CLOUD picks one of several clouds; without it the error asks for OS_CLOUD', () => {
    write(cwd, 'clouds.yaml', `${cloudsYaml('a', 'https://a.example:5000')}  b:\n    auth:\n      auth_url: https://b.example:5000\n`);
    expect(() => load()).toThrow(/several clouds \(a, b\): set OS_CLOUD/);
    expect(load({ OS_CLOUD: 'a' }).auth.projectName).toBe('ALICE Release Testing');
    expect(() => load({ OS_CLOUD: 'c' })).toThrow(/cloud "c" \(OS_CLOUD\) is not defined in .*clouds\.yaml \(clouds: a, b\)/);
  });

  it('lets OS_* variables override the chosen cloud (as python-openstackclient does)', () => {
    write(cwd, 'clouds.yaml', cloudsYaml('cern', 'https://keystone.cern.ch/v3'));
    const config = load({ OS_CLOUD: 'cern', OS_PASSWORD: 'from-env-pass', OS_REGION_NAME: 'next', OS_INTERFACE: 'internal' });
    expect(config.auth.password).toBe('from-env-pass');
    expect(config.regionName).toBe('next');
    expect(config.interface).toBe('internal');
    expect(config.auth.projectDomainId).toBe('default');
  });

  it('merges secure.yaml over clouds.yaml', () => {
    write(
      cwd,
      'clouds.yaml',
      `clouds:\n  cern:\n    auth:\n      auth_url: https://keystone.cern.ch/v3\n      username: alice\n      project_id: abc\n      user_domain_name: Default\n`,
    );
    write(join(home, '.config', 'openstack'), 'secure.yaml', 'clouds:\n  cern:\n    auth:\n      password: secret-from-secure\n');
    expect(load().auth.password).toBe('secret-from-secure');
  });

  it('builds an envvars cloud from OS_* alone, with the legacy names and TLS settings', () => {
    const config = load({
      OS_AUTH_URL: 'https://keystone.cern.ch/v3',
      OS_USERNAME: 'alice',
      OS_PASSWORD: 'pw-123456',
      OS_TENANT_NAME: 'ALICE Release Testing',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
      OS_ENDPOINT_TYPE: 'publicURL',
      OS_CACERT: '/etc/pki/tls/certs/CERN-bundle.pem',
      OS_CERT: '/tmp/me.crt',
      OS_KEY: '/tmp/me.key',
      OS_INSECURE: 'false',
    });
    expect(config).toMatchObject({
      cloud: 'envvars',
      source: 'environment',
      authType: 'password',
      interface: 'public',
      auth: { projectName: 'ALICE Release Testing', projectDomainName: 'Default' },
      tls: { caCert: '/etc/pki/tls/certs/CERN-bundle.pem', clientCert: '/tmp/me.crt', clientKey: '/tmp/me.key', skipVerify: false },
    });
  });

  it('reads application credentials (id, or name plus user) with OS_AUTH_TYPE=v3applicationcredential', () => {
    const byId = load({
      OS_AUTH_URL: 'https://keystone.cern.ch/v3',
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: 'ac-id',
      OS_APPLICATION_CREDENTIAL_SECRET: 'ac-secret-value',
    });
    expect(byId.authType).toBe('v3applicationcredential');
    expect(byId.auth.applicationCredentialId).toBe('ac-id');
    write(
      cwd,
      'clouds.yaml',
      'clouds:\n  bot:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: https://k.example/v3\n      application_credential_name: chatops\n      application_credential_secret: s3cr3t-value\n      username: alice\n      user_domain_name: Default\n',
    );
    expect(load().auth).toMatchObject({ applicationCredentialName: 'chatops', username: 'alice', userDomainName: 'Default' });
  });
});

describe('missing or wrong settings name the key', () => {
  it('says which key and variable is missing', () => {
    expect(() => load({ OS_AUTH_URL: 'https://k.example/v3', OS_USERNAME: 'alice', OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_ID: 'p' })).toThrow(
      'OpenStack config: OS_* variables: auth.password is missing (OS_PASSWORD)',
    );
    expect(() => load({ OS_AUTH_URL: 'https://k.example/v3', OS_USERNAME: 'alice', OS_PASSWORD: 'pw-123456', OS_PROJECT_ID: 'p' })).toThrow(
      /a user given by name needs its domain: set auth\.user_domain_name or auth\.user_domain_id \(OS_USER_DOMAIN_NAME or OS_USER_DOMAIN_ID\)/,
    );
    expect(() => load({ OS_AUTH_URL: 'https://k.example/v3', OS_AUTH_TYPE: 'v3applicationcredential', OS_APPLICATION_CREDENTIAL_ID: 'x' })).toThrow(
      /auth\.application_credential_secret is missing \(OS_APPLICATION_CREDENTIAL_SECRET\)/,
    );
  });

  it('rejects unsupported auth types and malformed values', () => {
    expect(() => load({ OS_AUTH_URL: 'https://k.example/v3', OS_AUTH_TYPE: 'v3oidcpassword' })).toThrow(
      /auth_type "v3oidcpassword" \(OS_AUTH_TYPE\) is not supported/,
    );
    const env = { OS_AUTH_URL: 'not a url', OS_USER_ID: 'u', OS_PASSWORD: 'pw-123456', OS_PROJECT_ID: 'p' };
    expect(() => load(env)).toThrow(/auth\.auth_url \(OS_AUTH_URL\)/);
    expect(() => load({ ...env, OS_AUTH_URL: 'https://k.example', OS_INTERFACE: 'private' })).toThrow(/interface \(OS_INTERFACE\)/);
  });

  it('explains where it looked when there is no configuration at all', () => {
    expect(() => load()).toThrow(/no clouds\.yaml found \(looked in .*cwd\/clouds\.yaml.*\) and OS_AUTH_URL is not set/);
  });
});
